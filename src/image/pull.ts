/**
 * Pulls a pinned base into an OCI layout with the signer's own registry client, so that
 * `--base REGISTRY/REPO@sha256:…` reuses the layout code path.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReference, type Fetcher } from '../signer/oci/index.js';
import { MEDIA_TYPES } from './constants.js';
import { digestHex, isSha256Digest, type Sha256Digest } from '../shared/oci/index.js';
import { ImageError } from './errors.js';
import type { Descriptor } from './layer.js';
import { canonicalJson } from './manifest.js';
import { OCI_LAYOUT_FILE } from './layout.js';

/**
 * Copies `reference@digest` (an image or an index; every platform's manifest is kept only for the
 * host platform) into an OCI layout at `dir`, unless it is already there. The client must allow
 * blobs as large as the base's layers.
 */
export async function pullBaseToLayout(client: Fetcher, reference: string, digest: Sha256Digest, dir: string, platform: { architecture: string; os: string }): Promise<void> {
  const ref = parseReference(`${reference}@${digest}`);
  const repo = { registry: ref.registry, repository: ref.repository };
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const save = async (d: string, bytes: Uint8Array): Promise<void> => {
    const target = join(blobs, digestHex(d as Sha256Digest));
    await writeFile(`${target}.partial`, bytes);
    await rename(`${target}.partial`, target);
  };
  const top = await client.getManifest(repo, digest);
  if (top === undefined) throw new ImageError('BASE_INVALID', `base '${reference}@${digest}' was not found in the registry; check the reference and your credentials`);
  await save(digest, top.bytes);
  let manifest = JSON.parse(Buffer.from(top.bytes).toString('utf8')) as { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] };
  if (manifest.manifests !== undefined) {
    const match = manifest.manifests.find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
    if (match === undefined || !isSha256Digest(match.digest)) {
      throw new ImageError('BASE_INVALID', `base '${reference}@${digest}' has no ${platform.os}/${platform.architecture} image`);
    }
    const child = await client.getManifest(repo, match.digest);
    if (child === undefined) throw new ImageError('BASE_INVALID', `base '${reference}@${match.digest}' (from the index) was not found in the registry`);
    await save(match.digest, child.bytes);
    manifest = JSON.parse(Buffer.from(child.bytes).toString('utf8')) as typeof manifest;
  }
  for (const blob of [manifest.config, ...(manifest.layers ?? [])]) {
    if (blob === undefined) continue;
    await save(blob.digest, await client.getBlob(repo, blob.digest));
  }
  await writeFile(join(dir, 'oci-layout'), canonicalJson(OCI_LAYOUT_FILE));
  await writeFile(join(dir, 'index.json'), canonicalJson({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [{ mediaType: top.mediaType, digest, size: top.size }] }));
}
