/**
 * Pushes a built image with the signer's own registry client, and pulls a pinned base into an
 * OCI layout so that `--base REGISTRY/REPO@sha256:…` reuses the layout code path.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatReference, parseReference, type Fetcher, type Pusher } from '../signer/oci/index.js';
import type { SignerImageBuild } from './build.js';
import { MEDIA_TYPES } from './constants.js';
import { digestHex, isSha256Digest, type Sha256Digest } from './digest.js';
import { ImageError } from './errors.js';
import type { Descriptor } from './layer.js';
import { canonicalJson } from './manifest.js';
import { OCI_LAYOUT_FILE } from './layout.js';

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
  await client.putManifest(repo, ref.tag ?? build.manifestDigest, build.manifest.bytes, MEDIA_TYPES.imageManifest);
  return { reference: formatReference({ ...repo, digest: build.manifestDigest }), digest: build.manifestDigest };
}

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
  const save = async (d: Sha256Digest, bytes: Uint8Array): Promise<void> => {
    const target = join(blobs, digestHex(d));
    await writeFile(`${target}.partial`, bytes);
    await rename(`${target}.partial`, target);
  };
  const top = await client.getManifest(repo, digest);
  if (top === undefined) throw new ImageError('BASE_INVALID', `base '${reference}@${digest}' was not found in the registry; check the reference and your credentials`);
  await save(digest, top.bytes);
  let manifest = parseManifest(top.bytes, `base '${reference}@${digest}'`);
  if (manifest.manifests !== undefined) {
    const match = manifest.manifests.find((m) => m?.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
    if (match === undefined) throw new ImageError('BASE_INVALID', `base '${reference}@${digest}' has no ${platform.os}/${platform.architecture} image`);
    const childDigest = checkDigest(match.digest, `base '${reference}@${digest}' index entry for ${platform.os}/${platform.architecture}`);
    const child = await client.getManifest(repo, childDigest);
    if (child === undefined) throw new ImageError('BASE_INVALID', `base '${reference}@${childDigest}' (from the index) was not found in the registry`);
    await save(childDigest, child.bytes);
    manifest = parseManifest(child.bytes, `base '${reference}@${childDigest}'`);
  }
  // Every digest is checked before the first blob request: a digest is a file name below and a URL path there.
  // The declared sizes bound what is read (the client's limit still applies).
  const wanted: { digest: Sha256Digest; size: number }[] = [];
  const want = (d: Descriptor | null | undefined, what: string): void => {
    const size = d?.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new ImageError('BASE_INVALID', `${what} has no valid size; check the base reference`);
    wanted.push({ digest: checkDigest(d?.digest, what), size });
  };
  if (manifest.config !== undefined) want(manifest.config, `base '${reference}@${digest}' config`);
  (manifest.layers ?? []).forEach((layer, i) => want(layer, `base '${reference}@${digest}' layer ${i + 1}`));
  for (const blob of wanted) await save(blob.digest, await client.getBlob(repo, blob.digest, { maxBytes: blob.size }));
  await writeFile(join(dir, 'oci-layout'), canonicalJson(OCI_LAYOUT_FILE));
  await writeFile(join(dir, 'index.json'), canonicalJson({ schemaVersion: 2, mediaType: MEDIA_TYPES.imageIndex, manifests: [{ mediaType: top.mediaType, digest, size: top.size }] }));
}

/** `value` when it is a well-formed `sha256:<64 hex>` digest; `what` names its place in the remote document. */
function checkDigest(value: unknown, what: string): Sha256Digest {
  if (isSha256Digest(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value) : `(${typeof value})`;
  throw new ImageError('BASE_INVALID', `${what} digest ${shown} is not a sha256 digest (the registry's manifest is malformed or hostile); check the base reference`);
}

/** A manifest or index document; a body that is not a JSON object is a clean error, not a SyntaxError. */
function parseManifest(bytes: Uint8Array, what: string): { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    doc = undefined;
  }
  const shapeOk = (v: unknown): boolean => v === undefined || Array.isArray(v);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ImageError('BASE_INVALID', `${what} is not a JSON manifest or index; check the base reference`);
  const { manifests, layers } = doc as Record<string, unknown>;
  if (!shapeOk(manifests) || !shapeOk(layers)) throw new ImageError('BASE_INVALID', `${what} has a malformed layers or manifests list; check the base reference`);
  return doc as { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] };
}
