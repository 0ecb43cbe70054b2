/**
 * scrypt + NaCl secretbox encryption of arbitrary bytes, byte-compatible with the `encrypted`
 * package cosign uses (go-securesystemslib; go-tuf in cosign <= 2.1).
 *
 * scrypt comes from node:crypto (async, off the main thread); XSalsa20-Poly1305 from
 * @noble/ciphers because Node has no XSalsa20. NaCl's `Seal` layout is tag || ciphertext,
 * which is what noble's `xsalsa20poly1305` produces and expects.
 */
import { randomBytes, scrypt } from 'node:crypto';

import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';

import { type Envelope, NONCE_LENGTH, parseEnvelope, SALT_LENGTH, SCRYPT_KEY_LENGTH, type ScryptParams, serializeEnvelope } from './envelope.js';
import { KeyError } from './errors.js';

/**
 * Decrypts an envelope (the JSON document inside an encrypted key PEM) with `password`.
 * KDF parameters are checked before scrypt runs.
 *
 * @param where names the key in error messages, e.g. "private key cosign.key"
 * @throws {@link KeyError} `KEY_UNREADABLE`, `KEY_UNSUPPORTED`, `KEY_KDF_PARAMS`, `KEY_WRONG_PASSWORD`
 */
export async function decryptEnvelope(envelopeJson: string | Uint8Array, password: Uint8Array, where = 'the encrypted key'): Promise<Uint8Array> {
  const text = typeof envelopeJson === 'string' ? envelopeJson : Buffer.from(envelopeJson).toString('utf8');
  const envelope = parseEnvelope(text, where);
  const key = await deriveKey(password, envelope.salt, envelope.params);
  try {
    return xsalsa20poly1305(key, envelope.nonce).decrypt(envelope.ciphertext);
  } catch {
    // The only way a well-formed box fails to open is a MAC mismatch: the password is wrong.
    throw new KeyError('KEY_WRONG_PASSWORD', `wrong password for ${where}: decryption failed; supply the password the key was created with`);
  } finally {
    key.fill(0);
  }
}

/**
 * Encrypts `plaintext` with a fresh random salt and nonce and returns the envelope JSON
 * (Go field order, compact).
 */
export async function encryptEnvelope(plaintext: Uint8Array, password: Uint8Array, params: ScryptParams): Promise<string> {
  const salt = new Uint8Array(randomBytes(SALT_LENGTH));
  const nonce = new Uint8Array(randomBytes(NONCE_LENGTH));
  const key = await deriveKey(password, salt, params);
  try {
    const ciphertext = xsalsa20poly1305(key, nonce).encrypt(plaintext);
    const envelope: Envelope = { params, salt, nonce, ciphertext };
    return serializeEnvelope(envelope);
  } finally {
    key.fill(0);
  }
}

/** scrypt with enough `maxmem` for N up to 131072 (Node's 32 MiB default refuses even N=32768, r=8). */
async function deriveKey(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  // scrypt needs 128·N·r bytes; doubling leaves room for OpenSSL's own bookkeeping.
  const maxmem = 2 * 128 * params.N * params.r * params.p;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, SCRYPT_KEY_LENGTH, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) reject(new KeyError('KEY_CRYPTO_FAILED', `scrypt failed (N=${params.N}); the machine may be short of memory, free some and retry`, { cause: err }));
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
    });
  });
}
