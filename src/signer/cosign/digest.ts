import { createHash } from 'node:crypto';

import { FormatError } from './errors.js';

/** Hex lengths of the digest algorithms registries use (OCI image-spec `descriptor.md`). */
const HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** `sha256:<64 lowercase hex>` of `bytes`, the digest registries use for blobs and manifests. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Whether `value` is `sha256:`, `sha384:` or `sha512:` followed by the right number of lowercase hex digits. */
export function isDigest(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const colon = value.indexOf(':');
  const length = HEX_LENGTHS[value.slice(0, colon)];
  return length !== undefined && value.length === colon + 1 + length && /^[0-9a-f]+$/.test(value.slice(colon + 1));
}

/** Throws `FORMAT_INVALID_DIGEST` unless {@link isDigest}; `what` names the value in the message. */
export function assertDigest(value: unknown, what: string): asserts value is string {
  if (!isDigest(value)) {
    throw new FormatError('FORMAT_INVALID_DIGEST', `${what} ${quote(value)} is not a digest; expected "sha256:" followed by 64 lowercase hex digits`);
  }
}

/** Quotes a short prefix of untrusted input for an error message. */
export function quote(value: unknown): string {
  if (typeof value !== 'string') return value === undefined ? '(missing)' : `(a ${value === null ? 'null' : typeof value})`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
