/**
 * OCI content descriptors as they appear in a `.sig` manifest, and their Go JSON form.
 * @see https://github.com/opencontainers/image-spec/blob/main/descriptor.md
 */
import { assertDigest, quote } from './digest.js';
import { FormatError } from './errors.js';
import { type GoJsonValue, goMap } from './go-json.js';
import type { Descriptor } from '../../shared/oci/index.js';

export type { Descriptor };

/** The descriptor as ggcr marshals it: mediaType, size, digest, then annotations with sorted keys (omitted if empty). */
export function descriptorJson(descriptor: Descriptor): GoJsonValue {
  const annotations = descriptor.annotations ?? {};
  return {
    mediaType: descriptor.mediaType,
    size: descriptor.size,
    digest: descriptor.digest,
    annotations: Object.keys(annotations).length === 0 ? undefined : goMap(annotations),
  };
}

/**
 * Validates a descriptor built by a caller or read from a registry.
 * @param where names the descriptor in error messages, e.g. "layer 2"
 * @throws {@link FormatError} `FORMAT_INVALID_MANIFEST` (or `FORMAT_INVALID_DIGEST` for a bad digest)
 */
export function checkDescriptor(value: unknown, where: string): Descriptor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${where} is not an object`);
  const { mediaType, size, digest, annotations } = value as Record<string, unknown>;
  if (typeof mediaType !== 'string' || mediaType === '') throw invalid(`${where} has no media type`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw invalid(`${where} has an invalid size ${quote(String(size))}`);
  assertDigest(digest, `the digest of ${where}`);
  if (annotations === undefined || annotations === null) return { mediaType, size, digest };
  if (typeof annotations !== 'object' || Array.isArray(annotations)) throw invalid(`${where} has annotations that are not an object`);
  const entries = Object.entries(annotations as Record<string, unknown>);
  for (const [key, text] of entries) {
    if (typeof text !== 'string') throw invalid(`${where} has a non-string annotation ${quote(key)}`);
  }
  return entries.length === 0 ? { mediaType, size, digest } : { mediaType, size, digest, annotations: Object.fromEntries(entries) as Record<string, string> };
}

function invalid(what: string): FormatError {
  return new FormatError('FORMAT_INVALID_MANIFEST', `invalid signature manifest: ${what}`);
}
