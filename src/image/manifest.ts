/**
 * OCI image manifests and the one JSON serialization used for every blob this project writes.
 */
import { MEDIA_TYPES } from './constants.js';
import { sha256Digest } from '../shared/oci/index.js';
import type { Blob, Descriptor } from './layer.js';

/** An OCI image manifest (image-spec `manifest.md`). */
export interface OciImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType: typeof MEDIA_TYPES.ociManifest;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  /** @default - no annotations */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Compact JSON, keys in insertion order. Every object written here is built with a fixed key order,
 * so the bytes (and the digest) are a pure function of the values.
 */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** A JSON document as an in-memory blob with the given media type. */
export function jsonBlob(value: unknown, mediaType: string): Blob & { bytes: Uint8Array } {
  const bytes = canonicalJson(value);
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length }, bytes };
}

/** The image manifest for a config and its layers, in order. */
export function imageManifest(config: Descriptor, layers: readonly Descriptor[], annotations?: Readonly<Record<string, string>>): OciImageManifest {
  return {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    ...(annotations === undefined || Object.keys(annotations).length === 0 ? {} : { annotations }),
  };
}
