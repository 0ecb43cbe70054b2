/**
 * The one PEM checker: framing as Go's `encoding/pem` writes and reads it (RFC 7468 "strict" textual encoding
 * plus Go's tolerance for text around the block and for headers), and the recognisers the constructs use to
 * refuse private keys in manifests. The private-key patterns are written so that this file never contains a
 * complete PEM armour line.
 * @see https://www.rfc-editor.org/rfc/rfc7468
 */

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

/** Any PEM armour line; the label is the first group. */
const ARMOUR = /-----BEGIN ([A-Z0-9 ]+)-----/g;
/** Any PEM private-key armour: PKCS#8, SEC1 (`EC`), PKCS#1 (`RSA`), cosign's and sigstore's encrypted labels. */
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/;
/** The base64 encoding of `-----BEGIN` always starts with these characters. */
const BASE64_PEM_PREFIX = 'LS0tLS1CRUdJT';

/** The labels of the PEM armour lines in `text`, in order (`PUBLIC KEY`, `ENCRYPTED SIGSTORE PRIVATE KEY`, …). */
export function pemLabels(text: string): string[] {
  return [...text.matchAll(ARMOUR)].map((m) => m[1]!);
}

/** True when `text` holds a PEM private key, either as is or base64-encoded (as in a Secret's `data`). */
export function containsPrivateKey(text: string): boolean {
  if (PEM_PRIVATE_KEY.test(text)) return true;
  const compact = text.replace(/\s+/g, '');
  const start = compact.indexOf(BASE64_PEM_PREFIX);
  if (start < 0) return false;
  const decoded = Buffer.from(compact.slice(start), 'base64').toString('latin1');
  return PEM_PRIVATE_KEY.test(decoded);
}

/** True when `text` contains any PEM armour at all (public or private). */
export function containsPemArmour(text: string): boolean {
  return pemLabels(text).length > 0;
}

/** True when `text` holds an encrypted private key (cosign's and sigstore's `ENCRYPTED … PRIVATE KEY` labels, PKCS#8's `ENCRYPTED PRIVATE KEY`). */
export function containsEncryptedPrivateKey(text: string): boolean {
  return pemLabels(text).some((label) => /^ENCRYPTED [A-Z ]*PRIVATE KEY$/.test(label));
}
