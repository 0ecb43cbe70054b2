/**
 * What a password file's bytes mean, shared by the command's password reading (`password.ts`) and the
 * launcher's early start of scrypt (`key-ahead-start.ts`), which must agree to the byte and which must
 * not load the key modules to find out.
 */

/** Largest password file read, in bytes: far above any password, far below anything costly. */
export const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

/** `bytes` without one trailing `\n` or `\r\n` (a password file's bytes as the password). */
export function withoutTrailingNewline(bytes: Uint8Array): Uint8Array {
  const LF = 0x0a;
  const CR = 0x0d;
  if (bytes.at(-1) !== LF) return bytes;
  return bytes.subarray(0, bytes.length - (bytes.at(-2) === CR ? 2 : 1));
}
