import { KeyError } from './errors.js';

/** PEM framing lives in the shared foundation (one PEM checker for the signer and the constructs). */
export { decodeFirstPem, decodeStdBase64, encodePem, type PemBlock, pemText } from '../../shared/pem.js';

/**
 * Largest key file read, in bytes. A cosign key is under 1 KiB and an encrypted RSA-8192 key about
 * 9 KiB; anything larger is refused before it is parsed, so a hostile file costs no memory or time.
 */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Throws `KEY_UNREADABLE` when the key input is larger than {@link MAX_KEY_FILE_BYTES}; `where` names the key. */
export function checkKeySize(pem: string | Uint8Array, where: string): void {
  // a string's length never exceeds its byte count in latin1 or UTF-8, so this errs towards reading
  const size = typeof pem === 'string' ? pem.length : pem.byteLength;
  if (size > MAX_KEY_FILE_BYTES) {
    throw new KeyError('KEY_UNREADABLE', `${where} is larger than ${MAX_KEY_FILE_BYTES} bytes, too large for a key file; pass the key file written by cosign or signet generate-key-pair`);
  }
}
