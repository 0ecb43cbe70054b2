import { SignetError } from '../../shared/errors.js';

/**
 * Why a key could not be loaded, decrypted, written or used.
 *
 * - `KEY_UNREADABLE`: not a PEM block of the expected kind, or its body/envelope is malformed.
 * - `KEY_UNSUPPORTED`: a well-formed key of a kind cosign does not use (label, KDF, cipher, algorithm, curve, size).
 * - `KEY_WRONG_PASSWORD`: the secretbox authentication failed, i.e. the password does not open this key.
 * - `KEY_KDF_PARAMS`: scrypt parameters outside the three sets cosign accepts, or a salt over 1024 bytes (refused before scrypt runs).
 * - `KEY_NOT_PKCS8`: the decrypted key is not PKCS#8 (for example SEC1 `EC PRIVATE KEY` or PKCS#1 RSA).
 * - `KEY_CRYPTO_FAILED`: the platform's crypto failed unexpectedly (out of memory in scrypt, for example).
 */
export type KeyErrorCode =
  | 'KEY_UNREADABLE'
  | 'KEY_UNSUPPORTED'
  | 'KEY_WRONG_PASSWORD'
  | 'KEY_KDF_PARAMS'
  | 'KEY_NOT_PKCS8'
  | 'KEY_CRYPTO_FAILED';

/**
 * A failure in key handling. Messages name the key (by the caller-given source label, never its
 * bytes) and say what to do; they never contain a password or key material.
 */
export class KeyError extends SignetError<KeyErrorCode> {
  public constructor(code: KeyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
