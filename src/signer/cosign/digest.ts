import { isDigest } from '../../shared/oci/index.js';
import { FormatError } from './errors.js';

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
