/**
 * Pushes a built image with the signer's own registry client (pulling a base is `pull.ts`, which the
 * build uses, so that nothing here is imported back).
 */
import { readFile } from 'node:fs/promises';
import { formatReference, parseReference, type Fetcher, type Pusher } from '../signer/oci/index.js';
import type { SignerImageBuild } from './build.js';
import { MEDIA_TYPES } from './constants.js';
import type { Sha256Digest } from '../shared/oci/index.js';
import { ImageError } from './errors.js';

/** Where an image was pushed. */
export interface PushedSignerImage {
  /** `registry/repository@sha256:…`. */
  readonly reference: string;
  readonly digest: Sha256Digest;
}

/**
 * Pushes layers (skipping those the registry has), config and manifest. The manifest goes under the
 * reference's tag, or under its digest when `reference` has no tag.
 */
export async function pushSignerImage(client: Pusher & Pick<Fetcher, 'headBlob'>, reference: string, build: SignerImageBuild): Promise<PushedSignerImage> {
  const ref = parseReference(reference);
  if (ref.digest !== undefined && ref.digest !== build.manifestDigest) {
    throw new ImageError('LAYOUT_INVALID', `push target '${reference}' names digest ${ref.digest} but the image is ${build.manifestDigest}; push to a tag or to the repository`);
  }
  const repo = { registry: ref.registry, repository: ref.repository };
  for (const blob of [...build.layers, build.config]) {
    if (await client.headBlob(repo, blob.descriptor.digest)) continue;
    const bytes = 'bytes' in blob ? blob.bytes : await readFile(blob.path);
    const written = await client.putBlob(repo, bytes);
    if (written.digest !== blob.descriptor.digest) {
      throw new ImageError('LAYOUT_INVALID', `registry stored blob ${written.digest} for ${blob.descriptor.digest}; the local blob changed, rebuild the image`);
    }
  }
  await client.putManifest(repo, ref.tag ?? build.manifestDigest, build.manifest.bytes, MEDIA_TYPES.ociManifest);
  return { reference: formatReference({ ...repo, digest: build.manifestDigest }), digest: build.manifestDigest };
}
