/**
 * PEM framing as Go's `encoding/pem` writes and reads it (RFC 7468 "strict" textual encoding plus
 * Go's tolerance for text around the block and for headers).
 */
import { KeyError } from './errors.js';

/** One decoded PEM block. */
export interface PemBlock {
  /** The label between `BEGIN ` and the dashes, e.g. `PUBLIC KEY`. */
  readonly label: string;
  /** The base64-decoded body. */
  readonly der: Uint8Array;
}

const BEGIN = /-----BEGIN ([^\r\n-]+(?:-[^\r\n-]+)*)-----\r?\n/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Lines of a Go-encoded PEM body; Go's encoder wraps at 64 columns. */
const PEM_LINE_LENGTH = 64;

/**
 * Finds the first PEM block in `text` (text before it is ignored, like Go's `pem.Decode`).
 * Returns `undefined` when there is no complete, well-formed block, so callers can word the error.
 */
export function decodeFirstPem(text: string): PemBlock | undefined {
  const begin = BEGIN.exec(text);
  if (!begin) return undefined;
  const label = begin[1]!;
  const bodyStart = begin.index + begin[0].length;
  const endMarker = `-----END ${label}-----`;
  const end = text.indexOf(endMarker, bodyStart);
  if (end < 0) return undefined;
  let lines = text.slice(bodyStart, end).split(/\r?\n/);
  // RFC 1421 style headers ("Proc-Type: …") end with a blank line; Go skips them, so do we.
  if (lines.some((line) => line.includes(':'))) {
    const blank = lines.findIndex((line) => line.trim() === '');
    if (blank < 0) return undefined;
    lines = lines.slice(blank + 1);
  }
  const body = lines.join('').replace(/[ \t]/g, '');
  if (body.length % 4 !== 0 || !BASE64.test(body)) return undefined;
  return { label, der: new Uint8Array(Buffer.from(body, 'base64')) };
}

/** Encodes a PEM block without headers, 64 base64 characters a line, with a trailing newline (Go's `pem.Encode`). */
export function encodePem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += PEM_LINE_LENGTH) lines.push(body.slice(i, i + PEM_LINE_LENGTH));
  const bodyLines = lines.map((line) => `${line}\n`).join('');
  return `-----BEGIN ${label}-----\n${bodyLines}-----END ${label}-----\n`;
}

/** Strictly decodes standard, padded base64 (Go's `base64.StdEncoding`); `undefined` when invalid. */
export function decodeStdBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Reads PEM input given as text or as the raw bytes of a file. */
export function pemText(pem: string | Uint8Array): string {
  return typeof pem === 'string' ? pem : Buffer.from(pem).toString('latin1');
}

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
