import type { Fetcher, RepositoryRef } from '../oci/index.js';
import { formatReference, type ImageReference } from '../oci/index.js';
import { parseSignatureManifest, type Descriptor } from './format.js';

/** The layers of the `.sig` manifest at `tag` and its digest, or `[]` when there is none (404). */
export async function readSignatureLayers(client: Fetcher, repo: RepositoryRef, tag: string): Promise<{ layers: Descriptor[]; found: boolean; digest?: string }> {
  const manifest = await client.getManifest(repo, tag);
  if (manifest === undefined) return { layers: [], found: false };
  return { layers: parseSignatureManifest(manifest.bytes).layers, found: true, digest: manifest.digest };
}

/** How a tag resolves: the digest to sign or verify. */
export async function resolveDigest(
  client: Fetcher,
  ref: ImageReference,
  onMissing: (what: string) => Error,
  onWarning: ((message: string) => void) | undefined,
): Promise<string> {
  if (ref.digest !== undefined) return ref.digest;
  const tag = ref.tag ?? 'latest';
  const head = await client.headManifest(ref, tag);
  if (head === undefined) throw onMissing(`${formatReference({ ...ref, tag })}`);
  onWarning?.(
    `image reference ${formatReference({ ...ref, tag })} uses a tag, not a digest; it resolved to ${head.digest}. Pass the digest (${ref.registry}/${ref.repository}@${head.digest}) to be sure what you sign or verify`,
  );
  return head.digest;
}

/** True when two signature layers are the same stored signature (digest and signature annotation). */
export function sameLayer(a: Descriptor, b: Descriptor, signatureKey: string): boolean {
  return a.digest === b.digest && a.mediaType === b.mediaType && a.annotations?.[signatureKey] === b.annotations?.[signatureKey];
}
