import type { Fetcher, RepositoryRef } from '../oci/index.js';
import { formatReference, type ImageReference } from '../oci/index.js';
import { FormatError, parseSignatureManifest, type Descriptor } from './format.js';

/**
 * Most layers of a `.sig` manifest that sign and verify read: cosign's `maxLayers`
 * (pkg/oci/remote/signatures.go), so that a manifest cosign refuses is refused here too, and a hostile
 * one cannot make verify fetch thousands of blobs.
 */
export const MAX_SIGNATURE_LAYERS = 1000;

/** The layers of the `.sig` manifest at `tag` and its digest, or `[]` when there is none (404). */
export async function readSignatureLayers(client: Fetcher, repo: RepositoryRef, tag: string): Promise<{ layers: Descriptor[]; found: boolean; digest?: string }> {
  const manifest = await client.getManifest(repo, tag);
  if (manifest === undefined) return { layers: [], found: false };
  const { layers } = parseSignatureManifest(manifest.bytes);
  if (layers.length > MAX_SIGNATURE_LAYERS) {
    throw new FormatError(
      'FORMAT_TOO_MANY_LAYERS',
      `signature manifest ${formatReference({ ...repo, tag })} has ${layers.length} layers, more than the ${MAX_SIGNATURE_LAYERS} signet and cosign read; the registry holds malformed or hostile signature data, ask its owner to remove the tag`,
    );
  }
  return { layers, found: true, digest: manifest.digest };
}

/** References whose image is known to exist (a tag resolved by `HEAD`, or a digest checked by one). */
const existing = new WeakSet<ImageReference>();

/** `ref` pinned to `digest`, remembered as existing so that signing it costs no second `HEAD`. */
export function existingImage(ref: ImageReference, digest: string): ImageReference {
  const pinned = { ...ref, digest };
  existing.add(pinned);
  return pinned;
}

/**
 * How a tag resolves: the digest to sign or verify. With `checkDigest`, a digest reference is checked
 * to exist with one manifest `HEAD` (unless it came from {@link existingImage}); a tag's `HEAD` is the check.
 */
export async function resolveDigest(
  client: Fetcher,
  ref: ImageReference,
  onMissing: (what: string) => Error,
  onWarning: ((message: string) => void) | undefined,
  checkDigest = false,
): Promise<string> {
  if (ref.digest !== undefined) {
    if (checkDigest && !existing.has(ref)) await checkImageExists(client, ref, ref.digest, onMissing);
    return ref.digest;
  }
  const tag = ref.tag ?? 'latest';
  const head = await client.headManifest(ref, tag);
  if (head === undefined) throw onMissing(`${formatReference({ ...ref, tag })}`);
  onWarning?.(
    `image reference ${formatReference({ ...ref, tag })} uses a tag, not a digest; it resolved to ${head.digest}. Pass the digest (${ref.registry}/${ref.repository}@${head.digest}) to be sure what you sign or verify`,
  );
  return head.digest;
}

/** Throws `onMissing` unless the manifest `digest` exists in `ref`'s repository (one `HEAD`). */
export async function checkImageExists(client: Fetcher, ref: ImageReference, digest: string, onMissing: (what: string) => Error): Promise<void> {
  if ((await client.headManifest(ref, digest)) === undefined) throw onMissing(formatReference({ registry: ref.registry, repository: ref.repository, digest }));
}

/** True when two signature layers are the same stored signature (digest and signature annotation). */
export function sameLayer(a: Descriptor, b: Descriptor, signatureKey: string): boolean {
  return a.digest === b.digest && a.mediaType === b.mediaType && a.annotations?.[signatureKey] === b.annotations?.[signatureKey];
}
