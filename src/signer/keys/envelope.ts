/**
 * The JSON document inside an encrypted cosign key: scrypt parameters and salt, the secretbox
 * nonce, and the ciphertext (go-securesystemslib / go-tuf `encrypted` package format).
 *
 * Pure parsing and serialisation; the cryptography is in `secretbox-envelope.ts`.
 */
import { KeyError } from './errors.js';
import { decodeStdBase64 } from './pem.js';

/** scrypt cost parameters as stored in `kdf.params`. */
export interface ScryptParams {
  /** CPU/memory cost (a power of two). */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/**
 * The only scrypt parameter sets cosign (go-securesystemslib >= 0.7) decrypts: "legacy" (the
 * go-tuf default of cosign <= 2.1), "standard" (cosign >= 2.2) and "OWASP". Anything else is
 * refused before scrypt runs, so a hostile file cannot make us burn memory and CPU.
 */
export const ALLOWED_SCRYPT_PARAMS: readonly ScryptParams[] = [
  { N: 32768, r: 8, p: 1 },
  { N: 65536, r: 8, p: 1 },
  { N: 131072, r: 8, p: 1 },
];

/** scrypt output length: the 32-byte secretbox key. */
export const SCRYPT_KEY_LENGTH = 32;
/** Salt length cosign generates. */
export const SALT_LENGTH = 32;
/**
 * Longest salt accepted. go-securesystemslib takes any length, but every cosign and signet key has
 * 32 bytes; a longer one is refused before it is decoded and before scrypt runs.
 */
export const MAX_SALT_LENGTH = 1024;
/** XSalsa20 nonce length; the nonce is stored separately, not prepended. */
export const NONCE_LENGTH = 24;
/** Poly1305 tag length; NaCl puts the tag before the encrypted bytes. */
export const TAG_LENGTH = 16;

const KDF_NAME = 'scrypt';
const CIPHER_NAME = 'nacl/secretbox';

/** A validated envelope with its byte fields decoded. */
export interface Envelope {
  readonly params: ScryptParams;
  readonly salt: Uint8Array;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/** Whether `params` is one of {@link ALLOWED_SCRYPT_PARAMS}. */
export function isAllowedScryptParams(params: ScryptParams): boolean {
  return ALLOWED_SCRYPT_PARAMS.some((a) => a.N === params.N && a.r === params.r && a.p === params.p);
}

/**
 * Parses and validates the envelope JSON. Throws {@link KeyError} `KEY_UNREADABLE` for malformed
 * documents, `KEY_UNSUPPORTED` for another KDF or cipher, `KEY_KDF_PARAMS` for other scrypt costs.
 */
export function parseEnvelope(json: string, where: string): Envelope {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    // No cause: JSON.parse messages quote the input, which is (encrypted) key material.
    throw unreadable(where, 'the body is not the expected JSON envelope');
  }
  const kdf = field(doc, 'kdf');
  const cipher = field(doc, 'cipher');
  const kdfName = field(kdf, 'name');
  const cipherName = field(cipher, 'name');
  if (kdfName !== KDF_NAME) {
    throw new KeyError('KEY_UNSUPPORTED', `${where} uses key derivation ${describe(kdfName)}; only "scrypt" is supported, re-create the key with cosign or signet`);
  }
  if (cipherName !== CIPHER_NAME) {
    throw new KeyError('KEY_UNSUPPORTED', `${where} uses cipher ${describe(cipherName)}; only "nacl/secretbox" is supported, re-create the key with cosign or signet`);
  }
  const rawParams = field(kdf, 'params');
  const params = { N: field(rawParams, 'N'), r: field(rawParams, 'r'), p: field(rawParams, 'p') };
  if (typeof params.N !== 'number' || typeof params.r !== 'number' || typeof params.p !== 'number') {
    throw unreadable(where, 'kdf.params must hold the numbers N, r and p');
  }
  const checked = params as ScryptParams;
  if (!isAllowedScryptParams(checked)) {
    throw new KeyError(
      'KEY_KDF_PARAMS',
      `${where} uses unsupported scrypt parameters N=${checked.N} r=${checked.r} p=${checked.p}; ` +
        'only N=32768, 65536 or 131072 with r=8 p=1 are accepted (as in cosign), re-encrypt the key with cosign or signet',
    );
  }
  const saltText = field(kdf, 'salt');
  // the text's length bounds the decoded length: a huge salt is refused before it is decoded
  if (typeof saltText === 'string' && saltText.length > Math.ceil(MAX_SALT_LENGTH / 3) * 4) throw saltTooLong(where, Math.floor(saltText.length / 4) * 3 - padding(saltText));
  const salt = bytesField(kdf, 'salt', 'kdf.salt', where);
  if (salt.length > MAX_SALT_LENGTH) throw saltTooLong(where, salt.length);
  const nonce = bytesField(cipher, 'nonce', 'cipher.nonce', where);
  const ciphertext = bytesField(doc, 'ciphertext', 'ciphertext', where);
  if (nonce.length !== NONCE_LENGTH) throw unreadable(where, `cipher.nonce must be ${NONCE_LENGTH} bytes, got ${nonce.length}`);
  if (ciphertext.length < TAG_LENGTH) throw unreadable(where, 'the ciphertext is shorter than its authentication tag');
  return { params: checked, salt, nonce, ciphertext };
}

/** Serialises an envelope with Go's field order and standard base64, compact, no trailing newline. */
export function serializeEnvelope(envelope: Envelope): string {
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
  // Object literal order = Go struct order: kdf{name,params{N,r,p},salt}, cipher{name,nonce}, ciphertext.
  return JSON.stringify({
    kdf: { name: KDF_NAME, params: { N: envelope.params.N, r: envelope.params.r, p: envelope.params.p }, salt: b64(envelope.salt) },
    cipher: { name: CIPHER_NAME, nonce: b64(envelope.nonce) },
    ciphertext: b64(envelope.ciphertext),
  });
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[name];
}

function bytesField(value: unknown, name: string, path: string, where: string): Uint8Array {
  const text = field(value, name);
  const bytes = typeof text === 'string' ? decodeStdBase64(text) : undefined;
  if (!bytes) throw unreadable(where, `${path} must be standard base64`);
  return bytes;
}

function saltTooLong(where: string, size: number): KeyError {
  return new KeyError('KEY_KDF_PARAMS', `${where} has a scrypt salt of ${size} bytes, more than ${MAX_SALT_LENGTH} (cosign writes ${SALT_LENGTH}); re-encrypt the key with cosign or signet`);
}

function padding(base64: string): number {
  return base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : '(none)';
}

function unreadable(where: string, what: string): KeyError {
  return new KeyError('KEY_UNREADABLE', `${where} is not a valid encrypted cosign key: ${what}`);
}
