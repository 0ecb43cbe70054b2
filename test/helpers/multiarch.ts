/**
 * Multi-platform test images in a real registry: small platform images pushed by digest, and an OCI
 * image index (or Docker manifest list) listing them, as buildah pushes for `--platform` lists.
 */
import { createHash } from 'node:crypto';

import type { RegistryClient, RepositoryRef } from '../../src/signer/oci/index.js';
import { uploadRandomImage } from './registry.js';

/** One pushed manifest and the index entry that lists it. */
export interface PushedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
  readonly platform?: { readonly os: string; readonly architecture: string; readonly variant?: string };
}

/** Pushes a tiny image for one platform, by digest (no tag), as `buildah manifest push --all` does. */
export async function pushPlatformImage(client: RegistryClient, repo: RepositoryRef, os: string, architecture: string, variant?: string): Promise<PushedManifest> {
  const platform = { os, architecture, ...(variant === undefined ? {} : { variant }) };
  const { manifest, mediaType } = await uploadRandomImage(client, repo, platform);
  const digest = await client.putManifest(repo, `sha256:${createHash('sha256').update(manifest).digest('hex')}`, manifest, mediaType);
  return { digest, mediaType, size: manifest.byteLength, platform };
}

/** Pushes an index listing `entries` under `tag` (OCI index, or a Docker manifest list with `docker`). */
export async function pushIndex(client: RegistryClient, repo: RepositoryRef, tag: string, entries: readonly PushedManifest[], docker = false): Promise<PushedManifest> {
  const mediaType = docker ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json';
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: entries.map((e) => ({ mediaType: e.mediaType, size: e.size, digest: e.digest, ...(e.platform === undefined ? {} : { platform: e.platform }) })),
    }),
  );
  const digest = await client.putManifest(repo, tag, bytes, mediaType);
  return { digest, mediaType, size: bytes.byteLength };
}

/** Two platform images (linux/amd64, linux/arm64/v8) and an index over them, tagged `tag`. */
export async function pushTwoPlatformIndex(client: RegistryClient, repo: RepositoryRef, tag = 'latest'): Promise<{ index: PushedManifest; platforms: readonly PushedManifest[] }> {
  const platforms = [await pushPlatformImage(client, repo, 'linux', 'amd64'), await pushPlatformImage(client, repo, 'linux', 'arm64', 'v8')];
  return { index: await pushIndex(client, repo, tag, platforms), platforms };
}
