/**
 * The base the signer layer goes on: the local Node runtime (default), an OCI layout pinned by
 * digest, or (once the registry client exists) a registry image pinned by digest. Tags are refused:
 * a base that can move would make the signer image's digest meaningless.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HistoryEntry, OciImageConfig } from './config.js';
import { DEFAULT_PATH_ENV } from './config.js';
import { IMAGE_CREATED, IMAGE_NODE_PATH, MEDIA_TYPES } from './constants.js';
import { digestHex, type ImageReference, InvalidReferenceError, isSha256Digest, parseReference, sha256Digest, type Sha256Digest } from '../shared/oci/index.js';
import { ImageError } from './errors.js';
import { runtimeGzipIdentity } from './gzip.js';
import { buildRuntimeLayer, tarDiffId, type Layer } from './layer.js';
import { fileDigest, readOciLayoutImage } from './layout.js';
import { pullBaseToLayout } from './pull.js';
import type { Fetcher } from '../signer/oci/index.js';
import { runtimeBaseContent, type RuntimeBaseOptions, type RuntimeInput } from './runtime-base.js';

/** A parsed `--base` value. */
export type BaseSpec =
  | { readonly kind: 'runtime' }
  | { readonly kind: 'oci-layout'; readonly path: string; readonly digest: Sha256Digest }
  | { readonly kind: 'registry'; readonly reference: string; readonly digest: Sha256Digest };

/** The `--base` value used when none is given. */
export const DEFAULT_BASE = 'runtime';

/**
 * Parses `runtime`, `oci-layout:PATH@sha256:HEX` or `REGISTRY/REPO@sha256:HEX`.
 * Anything without a digest is refused with the form to use instead.
 */
export function parseBaseSpec(value: string): BaseSpec {
  if (value === 'runtime') return { kind: 'runtime' };
  const at = value.lastIndexOf('@');
  const digest = at === -1 ? '' : value.slice(at + 1);
  if (!isSha256Digest(digest)) {
    throw new ImageError('BASE_NOT_PINNED', `base '${value}' is not pinned by digest; use 'runtime', 'oci-layout:PATH@sha256:<hex>' or 'REGISTRY/REPO@sha256:<hex>'`);
  }
  if (value.startsWith('oci-layout:')) {
    return { kind: 'oci-layout', path: value.slice('oci-layout:'.length, at), digest };
  }
  let parsed: ImageReference;
  try {
    parsed = parseReference(value);
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    throw new ImageError('BASE_INVALID', `base: ${error.message}`);
  }
  if (parsed.tag !== undefined) {
    // `repo:tag@sha256:…` pins by digest but the tag invites confusion about what is used
    throw new ImageError('BASE_NOT_PINNED', `base '${value}' has both a tag and a digest; drop the tag, the digest alone is used`);
  }
  return { kind: 'registry', reference: value.slice(0, at), digest };
}

/** How the base was made, as recorded in the lock. */
export type BaseLockInfo =
  | {
      readonly kind: 'runtime';
      /** `node --version` of the packaged runtime. */
      readonly node: string;
      readonly platform: string;
      /** diff_id of the base layer: the sha256 of its uncompressed tar, i.e. of all its inputs. */
      readonly inputsDigest: Sha256Digest;
      /** The compressed base layer; depends on the inputs and on {@link runtimeGzipIdentity}. */
      readonly layerDigest: Sha256Digest;
      readonly gzip: string;
      readonly files: Readonly<Record<string, Sha256Digest>>;
    }
  | { readonly kind: 'oci-layout' | 'registry'; readonly reference: string; readonly manifestDigest: Sha256Digest; readonly inputsDigest: Sha256Digest };

/** A resolved base: layers with diff_ids, and the config fields the signer image inherits. */
export interface BaseImage {
  readonly architecture: string;
  readonly os: string;
  /** CPU variant, e.g. `v8` for arm64. @default - none (the platform has no variant) */
  readonly variant?: string;
  readonly env: readonly string[];
  readonly history: readonly HistoryEntry[];
  readonly layers: readonly Layer[];
  readonly lock: BaseLockInfo;
}

/** Options of {@link resolveBase}. */
export interface ResolveBaseOptions extends RuntimeBaseOptions {
  /** Directory for the cached runtime base layer (keyed by its diff_id and the gzip identity). */
  readonly cacheDir: string;
  /** Reports progress lines (cache hit or miss). @default - silent */
  readonly log?: (line: string) => void;
  /**
   * Registry client for `REGISTRY/REPO@sha256:…` bases; it must accept blobs as large as the base's layers.
   * @default - registry bases are refused with a hint to use an OCI layout
   */
  readonly fetcher?: Fetcher;
}

/** Resolves a base spec into layers, using the cache for the runtime base. */
export async function resolveBase(spec: BaseSpec, options: ResolveBaseOptions): Promise<BaseImage> {
  switch (spec.kind) {
    case 'runtime':
      return runtimeBase(options);
    case 'oci-layout':
      return layoutBase(spec.path, spec.digest);
    case 'registry': {
      if (options.fetcher === undefined) {
        throw new ImageError(
          'BASE_UNSUPPORTED',
          `base '${spec.reference}@${spec.digest}' needs a registry client; copy it into an OCI layout (e.g. 'skopeo copy docker://${spec.reference}@${spec.digest} oci:DIR') and pass --base oci-layout:DIR@${spec.digest}`,
        );
      }
      // pulled once into the cache, then read like any other layout (which re-verifies every blob)
      const dir = join(options.cacheDir, `registry-base-${digestHex(spec.digest).slice(0, 32)}`);
      if (!existsSync(join(dir, 'index.json'))) {
        options.log?.(`registry base: pulling ${spec.reference}@${spec.digest} into ${dir}`);
        await pullBaseToLayout(options.fetcher, spec.reference, spec.digest, dir, hostPlatform());
      }
      const base = await layoutBase(dir, spec.digest);
      const lock = base.lock.kind === 'runtime' ? undefined : { ...base.lock, kind: 'registry' as const, reference: spec.reference };
      return { ...base, lock: lock ?? base.lock };
    }
  }
}

/** The OCI platform of this Node process. */
export function hostPlatform(): { architecture: string; os: string; variant?: string } {
  const architecture = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return { architecture, os: process.platform, ...(architecture === 'arm64' ? { variant: 'v8' } : {}) };
}

async function runtimeBase(options: ResolveBaseOptions): Promise<BaseImage> {
  const content = await runtimeBaseContent(options);
  const diffId = await tarDiffId(content.entries);
  const gzip = runtimeGzipIdentity();
  const key = sha256Digest(`${diffId}\n${gzip}`);
  await mkdir(options.cacheDir, { recursive: true });
  const blobPath = join(options.cacheDir, `runtime-base-${digestHex(key).slice(0, 32)}.tar.gz`);
  const metaPath = `${blobPath}.json`;
  let layer = await readCachedLayer(blobPath, metaPath, diffId);
  if (layer === undefined) {
    options.log?.(`runtime base: compressing ${content.entries.length} entries (${diffId.slice(0, 19)}…), cached at ${blobPath}`);
    layer = await buildRuntimeLayer(content.entries, blobPath);
    await writeFile(metaPath, `${JSON.stringify({ diffId: layer.diffId, descriptor: layer.descriptor }, null, 2)}\n`);
  } else {
    options.log?.(`runtime base: cache hit ${blobPath}`);
  }
  const platform = hostPlatform();
  return {
    ...platform,
    env: [DEFAULT_PATH_ENV],
    history: [{ created: IMAGE_CREATED, created_by: `signet image: runtime base from ${IMAGE_NODE_PATH} ${content.nodeVersion} and its shared libraries` }],
    layers: [layer],
    lock: {
      kind: 'runtime',
      node: content.nodeVersion,
      platform: `${platform.os}/${platform.architecture}`,
      inputsDigest: diffId,
      layerDigest: layer.descriptor.digest,
      gzip,
      files: filesRecord(content.inputs),
    },
  };
}

function filesRecord(inputs: readonly RuntimeInput[]): Record<string, Sha256Digest> {
  return Object.fromEntries(inputs.map((i) => [i.path, i.digest]));
}

async function readCachedLayer(blobPath: string, metaPath: string, diffId: Sha256Digest): Promise<(Layer & { path: string }) | undefined> {
  if (!existsSync(blobPath) || !existsSync(metaPath)) return undefined;
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { diffId: Sha256Digest; descriptor: Layer['descriptor'] };
    // a cache entry is trusted only if its bytes still hash to what it claims
    if (meta.diffId !== diffId || (await fileDigest(blobPath)) !== meta.descriptor.digest) return undefined;
    return { descriptor: { mediaType: MEDIA_TYPES.ociLayerTarGzip, digest: meta.descriptor.digest, size: meta.descriptor.size }, diffId, path: blobPath };
  } catch {
    return undefined;
  }
}

async function layoutBase(path: string, digest: Sha256Digest): Promise<BaseImage> {
  const dir = resolve(path);
  const platform = hostPlatform();
  const image = await readOciLayoutImage(dir, digest, platform);
  const config = image.config as Partial<OciImageConfig>;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== image.layerPaths.length || !diffIds.every(isSha256Digest)) {
    throw new ImageError('BASE_INVALID', `oci-layout:${path}@${digest}: config lists ${diffIds.length} diff_ids for ${image.layerPaths.length} layers`);
  }
  const layers: Layer[] = image.manifest.layers.map((descriptor, i) => ({
    // keep the blob exactly as the base ships it; recompressing would change its digest
    descriptor: { mediaType: MEDIA_TYPES.ociLayerTarGzip, digest: descriptor.digest, size: descriptor.size },
    diffId: diffIds[i]!,
    path: image.layerPaths[i]!,
  }));
  return {
    architecture: config.architecture ?? platform.architecture,
    os: config.os ?? platform.os,
    ...(config.variant === undefined ? {} : { variant: config.variant }),
    env: config.config?.Env ?? [DEFAULT_PATH_ENV],
    history: (config.history ?? []).map((h) => ({ ...h })),
    layers,
    lock: { kind: 'oci-layout', reference: `oci-layout:${path}`, manifestDigest: image.manifestDigest, inputsDigest: sha256Digest(diffIds.join('\n')) },
  };
}
