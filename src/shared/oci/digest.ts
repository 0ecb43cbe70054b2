/**
 * Content digests as registries and OCI layouts use them.
 * @see https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
 */
import { createHash } from 'node:crypto';

/** A `sha256:` content digest, the only algorithm signet writes. */
export type Sha256Digest = `sha256:${string}`;

/** Digest algorithms registries use, with their hex forms. */
const DIGESTS: Readonly<Record<string, RegExp>> = { sha256: /^[a-f0-9]{64}$/, sha384: /^[a-f0-9]{96}$/, sha512: /^[a-f0-9]{128}$/ };

/** True when `value` is a well-formed digest: `sha256:`, `sha384:` or `sha512:` and the right number of lowercase hex digits. */
export function isDigest(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const [algorithm = '', hex, extra] = value.split(':');
  // own keys only: `constructor:…` must not find Object's prototype
  const pattern = Object.hasOwn(DIGESTS, algorithm) ? DIGESTS[algorithm] : undefined;
  return hex !== undefined && extra === undefined && pattern !== undefined && pattern.test(hex);
}

/** True when `value` is `sha256:` plus 64 lowercase hex digits. */
export function isSha256Digest(value: unknown): value is Sha256Digest {
  return isDigest(value) && value.startsWith('sha256:');
}

/** The `sha256:<hex>` digest of some bytes (a string is hashed as UTF-8). */
export function sha256Digest(data: Uint8Array | string): Sha256Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The hex part of a digest, as used for blob file names in an OCI layout (`blobs/sha256/<hex>`). */
export function digestHex(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}
