/**
 * scrypt + NaCl secretbox encryption of arbitrary bytes, byte-compatible with the `encrypted`
 * package cosign uses (go-securesystemslib; go-tuf in cosign <= 2.1).
 *
 * scrypt comes from `scrypt.ts` (WebAssembly SIMD in slices that let I/O run, node:crypto where
 * SIMD is missing); XSalsa20-Poly1305 from @noble/ciphers because Node has no XSalsa20. NaCl's
 * `Seal` layout is tag || ciphertext, which is what noble's `xsalsa20poly1305` produces and expects.
 */
import { randomBytes } from 'node:crypto';

import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';

import { type Envelope, NONCE_LENGTH, parseEnvelope, SALT_LENGTH, SCRYPT_KEY_LENGTH, type ScryptParams, serializeEnvelope } from './envelope.js';
import { KeyError } from './errors.js';
import { scryptKey } from './scrypt.js';
import type { ScryptAhead } from './scrypt-ahead.js';

/**
 * Decrypts an envelope (the JSON document inside an encrypted key PEM) with `password`.
 * KDF parameters are checked before scrypt runs.
 *
 * @param where names the key in error messages, e.g. "private key cosign.key"
 * @param ahead a derivation started earlier, used when it was started with this password, salt and cost
 * @default ahead - none: scrypt runs here
 * @throws {@link KeyError} `KEY_UNREADABLE`, `KEY_UNSUPPORTED`, `KEY_KDF_PARAMS`, `KEY_WRONG_PASSWORD`
 */
export async function decryptEnvelope(envelopeJson: string | Uint8Array, password: Uint8Array, where = 'the encrypted key', ahead?: ScryptAhead): Promise<Uint8Array> {
  const text = typeof envelopeJson === 'string' ? envelopeJson : Buffer.from(envelopeJson).toString('utf8');
  const envelope = parseEnvelope(text, where);
  const key = await deriveKey(password, envelope.salt, envelope.params, ahead);
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

/** scrypt, with a failure (out of memory, most likely) as a {@link KeyError}. */
async function deriveKey(password: Uint8Array, salt: Uint8Array, params: ScryptParams, ahead?: ScryptAhead): Promise<Uint8Array> {
  try {
    return await (ahead?.take(password, salt, params, SCRYPT_KEY_LENGTH) ?? scryptKey(password, salt, params, SCRYPT_KEY_LENGTH));
  } catch (err) {
    if (err instanceof KeyError) throw err;
    throw new KeyError('KEY_CRYPTO_FAILED', `scrypt failed (N=${params.N}); the machine may be short of memory, free some and retry`, { cause: err });
  }
}
