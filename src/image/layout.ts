/**
 * OCI image layouts on disk (image-spec `image-layout.md`): `oci-layout`, `index.json` and
 * `blobs/sha256/<hex>`. The writer is used for `dist/signer-image/`, the reader for `--base oci-layout:…`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_TYPES, OCI_ANNOTATIONS } from './constants.js';
import { digestHex, isSha256Digest, sha256Digest, type Sha256Digest } from '../shared/oci/index.js';
import { ImageError } from './errors.js';
import type { Blob, Descriptor } from './layer.js';
import { canonicalJson } from './manifest.js';

/** The `oci-layout` file's content. */
export const OCI_LAYOUT_FILE = { imageLayoutVersion: '1.0.0' } as const;

/** What {@link writeOciLayout} writes: one image. */
export interface OciLayoutImage {
  /** The manifest blob; its descriptor goes into `index.json`. */
  readonly manifest: Blob;
  /** Config and layer blobs. */
  readonly blobs: readonly Blob[];
  /** Value of `org.opencontainers.image.ref.name` in `index.json` (e.g. the version). */
  readonly refName: string;
  /** Platform recorded on the index entry. */
  readonly platform: NonNullable<Descriptor['platform']>;
}

/**
 * Replaces `dir` with a layout holding exactly this image, so no stale blob from an earlier build
 * lingers. Returns the `index.json` bytes.
 */
export async function writeOciLayout(dir: string, image: OciLayoutImage): Promise<Buffer> {
  await rm(dir, { recursive: true, force: true });
  const blobDir = join(dir, 'blobs', 'sha256');
  await mkdir(blobDir, { recursive: true });
  await writeFile(join(dir, 'oci-layout'), canonicalJson(OCI_LAYOUT_FILE));
  for (const blob of [...image.blobs, image.manifest]) {
    const target = join(blobDir, digestHex(blob.descriptor.digest));
    if ('bytes' in blob) await writeFile(target, blob.bytes);
    else await copyFile(blob.path, target);
  }
  const { mediaType, digest, size } = image.manifest.descriptor;
  const index = canonicalJson({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: [{ mediaType, digest, size, platform: image.platform, annotations: { [OCI_ANNOTATIONS.refName]: image.refName } }],
  });
  await writeFile(join(dir, 'index.json'), index);
  return index;
}

/** An image read from a layout: its manifest and config parsed, its layers as files. */
export interface LayoutImage {
  readonly manifestDigest: Sha256Digest;
  readonly manifest: { readonly config: Descriptor; readonly layers: readonly Descriptor[] };
  readonly config: unknown;
  readonly layerPaths: readonly string[];
}

/**
 * Reads the image `digest` from the layout at `dir`. `digest` may name an image manifest or an
 * image index, in which case the entry for `platform` is taken. Every blob read is checked against
 * its digest, so a tampered or truncated layout is an error, not a different image.
 */
export async function readOciLayoutImage(dir: string, digest: Sha256Digest, platform: { architecture: string; os: string }): Promise<LayoutImage> {
  const where = `oci-layout:${dir}@${digest}`;
  const layoutFile = await readJson(join(dir, 'oci-layout'), where).catch((cause: unknown) => {
    throw new ImageError('LAYOUT_INVALID', `${where}: no readable 'oci-layout' file; point --base at an OCI image layout directory`, { cause });
  });
  if ((layoutFile as { imageLayoutVersion?: unknown }).imageLayoutVersion !== '1.0.0') {
    throw new ImageError('LAYOUT_INVALID', `${where}: unsupported imageLayoutVersion; expected '1.0.0'`);
  }
  let manifestDigest = digest;
  let document = await readVerifiedJson(dir, digest, where);
  const type = mediaTypeOf(document);
  if (type === MEDIA_TYPES.ociIndex || type === MEDIA_TYPES.dockerManifestList) {
    const entries = ((document as { manifests?: Descriptor[] }).manifests ?? []);
    const match = entries.find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
    if (match === undefined || !isSha256Digest(match.digest)) {
      throw new ImageError('BASE_INVALID', `${where}: the index has no ${platform.os}/${platform.architecture} image; pick a digest for this platform`);
    }
    manifestDigest = match.digest;
    document = await readVerifiedJson(dir, manifestDigest, where);
  }
  const manifest = document as { config?: Descriptor; layers?: Descriptor[] };
  if (manifest.config === undefined || !Array.isArray(manifest.layers)) {
    throw new ImageError('BASE_INVALID', `${where}: ${manifestDigest} is not an image manifest (no config or layers)`);
  }
  for (const layer of manifest.layers) {
    if (layer.mediaType !== MEDIA_TYPES.ociLayerTarGzip && layer.mediaType !== MEDIA_TYPES.dockerLayerTarGzip) {
      throw new ImageError('BASE_INVALID', `${where}: layer ${layer.digest} has media type '${layer.mediaType}'; only gzip tar layers are supported`);
    }
  }
  const config = await readVerifiedJson(dir, manifest.config.digest, where);
  const layerPaths: string[] = [];
  for (const layer of manifest.layers) {
    layerPaths.push(await verifiedBlobPath(dir, layer, where));
  }
  return { manifestDigest, manifest: { config: manifest.config, layers: manifest.layers }, config, layerPaths };
}

function mediaTypeOf(document: unknown): string | undefined {
  const value = (document as { mediaType?: unknown }).mediaType;
  return typeof value === 'string' ? value : undefined;
}

async function readJson(path: string, where: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ImageError('LAYOUT_INVALID', `${where}: '${path}' is not readable JSON`, { cause });
  }
}

async function readVerifiedJson(dir: string, digest: string, where: string): Promise<unknown> {
  if (!isSha256Digest(digest)) throw new ImageError('LAYOUT_INVALID', `${where}: '${digest}' is not a sha256 digest`);
  const path = join(dir, 'blobs', 'sha256', digestHex(digest));
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new ImageError('LAYOUT_INVALID', `${where}: blob ${digest} is missing from the layout`, { cause });
  });
  if (sha256Digest(bytes) !== digest) {
    throw new ImageError('LAYOUT_INVALID', `${where}: blob ${digest} does not match its digest; re-create the layout`);
  }
  return JSON.parse(bytes.toString('utf8'));
}

async function verifiedBlobPath(dir: string, descriptor: Descriptor, where: string): Promise<string> {
  if (!isSha256Digest(descriptor.digest)) throw new ImageError('LAYOUT_INVALID', `${where}: '${descriptor.digest}' is not a sha256 digest`);
  const path = join(dir, 'blobs', 'sha256', digestHex(descriptor.digest));
  const info = await stat(path).catch((cause: unknown) => {
    throw new ImageError('LAYOUT_INVALID', `${where}: layer ${descriptor.digest} is missing from the layout`, { cause });
  });
  if (info.size !== descriptor.size) {
    throw new ImageError('LAYOUT_INVALID', `${where}: layer ${descriptor.digest} is ${info.size} bytes, the manifest says ${descriptor.size}`);
  }
  if ((await fileDigest(path)) !== descriptor.digest) {
    throw new ImageError('LAYOUT_INVALID', `${where}: layer ${descriptor.digest} does not match its digest; re-create the layout`);
  }
  return path;
}

/** The sha256 digest of a file, streamed. */
export async function fileDigest(path: string): Promise<Sha256Digest> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
