/**
 * Encrypted cosign private keys: `-----BEGIN ENCRYPTED COSIGN|SIGSTORE PRIVATE KEY-----` blocks
 * whose body is the scrypt + secretbox envelope around a DER PKCS#8 key.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';

import { keyTypeOf } from './algorithms.js';
import { parseEnvelope, type ScryptParams } from './envelope.js';
import type { ScryptAhead } from './scrypt-ahead.js';
import { KeyError } from './errors.js';
import { encodePem } from './pem.js';
import { ENCRYPTED_KEY_LABELS, formatOfLabel, privateWhere, readEncryptedBlock } from './encrypted-block.js';
import { decryptEnvelope, encryptEnvelope } from './secretbox-envelope.js';
import { signerFromPrivateKey } from './signer.js';
import { warmUpKeyUse } from './warm-up.js';
import type { KeyFormat, KeySourceOptions, Signer } from './types.js';

/** scrypt costs written for each {@link KeyFormat}: the go-tuf set for `cosign`, cosign >= 2.2's default for `sigstore`. */
export const KEY_FORMAT_SCRYPT_PARAMS: Readonly<Record<KeyFormat, ScryptParams>> = {
  cosign: { N: 32768, r: 8, p: 1 },
  sigstore: { N: 65536, r: 8, p: 1 },
};

/** The default {@link KeyFormat}: readable by every cosign version and by containers/image. */
export const DEFAULT_KEY_FORMAT: KeyFormat = 'cosign';

/** What an encrypted key file says about itself, read without the password. */
export interface EncryptedKeyInfo {
  /** The PEM label. */
  readonly label: string;
  /** The {@link KeyFormat} whose label this is. */
  readonly format: KeyFormat;
  /** The scrypt costs in the envelope (always one of the accepted sets). */
  readonly scrypt: ScryptParams;
}

/**
 * Reads the label and scrypt parameters of an encrypted key without decrypting it.
 * @throws {@link KeyError} as {@link decryptPrivateKey} does before it needs the password
 */
export function inspectEncryptedKey(pem: string | Uint8Array, options: KeySourceOptions = {}): EncryptedKeyInfo {
  const where = privateWhere(options);
  const { label, der } = readEncryptedBlock(pem, where);
  const envelope = parseEnvelope(Buffer.from(der).toString('utf8'), where);
  return { label, format: formatOfLabel(label)!, scrypt: envelope.params };
}

/**
 * Loads a private key written by `cosign generate-key-pair` / `import-key-pair` (either PEM label,
 * scrypt N of 32768, 65536 or 131072) and returns a {@link Signer}.
 *
 * @param password - the exact password bytes (an empty array is a valid, empty password)
 * @throws {@link KeyError} `KEY_UNREADABLE`, `KEY_UNSUPPORTED`, `KEY_KDF_PARAMS` (before scrypt runs),
 *   `KEY_WRONG_PASSWORD`, `KEY_NOT_PKCS8` (SEC1 or PKCS#1 inside, which cosign rejects too)
 */
export async function decryptPrivateKey(pem: string | Uint8Array, password: Uint8Array, options: KeySourceOptions = {}): Promise<Signer> {
  return decryptPrivateKeyWith(undefined, pem, password, options);
}

/**
 * {@link decryptPrivateKey}, taking scrypt's result from `ahead` when that derivation was started with
 * this key's salt and cost and this password (so the outcome is the same either way).
 */
export async function decryptPrivateKeyWith(ahead: ScryptAhead | undefined, pem: string | Uint8Array, password: Uint8Array, options: KeySourceOptions = {}): Promise<Signer> {
  const where = privateWhere(options);
  const { der } = readEncryptedBlock(pem, where);
  // scrypt started ahead runs on the thread pool: warm what follows it meanwhile (warm-up.ts)
  if (ahead !== undefined) setTimeout(warmUpKeyUse, 0);
  const plaintext = await decryptEnvelope(der, password, where, ahead);
  try {
    return signerFromPrivateKey(parsePkcs8(plaintext, where), where);
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Encrypts a DER PKCS#8 private key into an encrypted cosign key PEM (fresh salt and nonce).
 *
 * @param format - which label and scrypt cost to write
 * @default format 'cosign' (ENCRYPTED COSIGN PRIVATE KEY, N=32768)
 * @throws {@link KeyError} `KEY_NOT_PKCS8` or `KEY_UNSUPPORTED` when the key is not one cosign can use
 */
export async function encryptPrivateKey(pkcs8Der: Uint8Array, password: Uint8Array, format: KeyFormat = DEFAULT_KEY_FORMAT): Promise<string> {
  const where = 'the private key to encrypt';
  keyTypeOf(parsePkcs8(pkcs8Der, where), where);
  const envelope = await encryptEnvelope(pkcs8Der, password, KEY_FORMAT_SCRYPT_PARAMS[format]);
  return encodePem(ENCRYPTED_KEY_LABELS[format], Buffer.from(envelope, 'utf8'));
}

function parsePkcs8(der: Uint8Array, where: string): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch {
    // No cause: OpenSSL's parse error is useless to users and we keep key bytes out of errors.
    throw new KeyError(
      'KEY_NOT_PKCS8',
      `${where} does not contain a PKCS#8 private key (found ${describeDer(der)}); cosign accepts only PKCS#8, re-import it with \`cosign import-key-pair\``,
    );
  }
}

/** Names the likely structure of a DER private key, for the error message only. */
function describeDer(der: Uint8Array): string {
  // SEQUENCE { INTEGER version, <next> … }: PKCS#8 has a SEQUENCE next, SEC1 an OCTET STRING, PKCS#1 an INTEGER.
  if (der[0] !== 0x30) return 'data that is not DER';
  const lengthBytes = (der[1] ?? 0) & 0x80 ? (der[1]! & 0x7f) + 1 : 1;
  const version = 1 + lengthBytes;
  if (der[version] !== 0x02) return 'an unknown DER structure';
  const next = version + 2 + (der[version + 1] ?? 0);
  if (der[next] === 0x04) return 'a SEC1 "EC PRIVATE KEY"';
  if (der[next] === 0x02) return 'a PKCS#1 "RSA PRIVATE KEY"';
  return 'an unknown DER structure';
}
