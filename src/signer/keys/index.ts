/**
 * Key handling for the signer: encrypted cosign private keys (scrypt + NaCl secretbox around
 * PKCS#8), public keys, and {@link Signer}/{@link Verifier} that sign and verify like cosign.
 * No network, no file system: callers pass PEM text or bytes.
 */
export { KeyError, type KeyErrorCode } from './errors.js';
export type { KeyFormat, KeySourceOptions, KeyType, Signer, Verifier } from './types.js';
export type { ScryptAhead } from './scrypt-ahead.js';
export { startDecryptionAhead } from './decryption-ahead.js';
export { ENCRYPTED_KEY_LABELS } from './encrypted-block.js';
export {
  DEFAULT_KEY_FORMAT,
  KEY_FORMAT_SCRYPT_PARAMS,
  decryptPrivateKey,
  decryptPrivateKeyWith,
  encryptPrivateKey,
  inspectEncryptedKey,
  type EncryptedKeyInfo,
} from './private-key.js';
export { loadPublicKey, PUBLIC_KEY_LABELS } from './public-key.js';
export { checkKeySize, MAX_KEY_FILE_BYTES } from './pem.js';
export { generateKeyPair, type GeneratedKeyPair } from './generate.js';
export { ALLOWED_SCRYPT_PARAMS, MAX_SALT_LENGTH, type ScryptParams } from './envelope.js';
export { decryptEnvelope, encryptEnvelope } from './secretbox-envelope.js';
