/**
 * Builds the signer image: the base's layers, one layer holding the CLI (its launcher and bundle), the
 * config and the manifest. Pure with respect to its inputs (the two files, base, version): no clock, no
 * host names.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type BaseImage, DEFAULT_BASE, parseBaseSpec, resolveBase } from './base.js';
import { signerImageConfig } from './config.js';
import { MEDIA_TYPES, OCI_ANNOTATIONS, SIGNER_BUNDLE_PATH, SIGNER_CLI_BUNDLE_PATH } from './constants.js';
import { SIGNER_CLI_FILES } from '../shared/constants.js';
import { sha256Digest, type Sha256Digest } from '../shared/oci/index.js';
import { buildPortableLayer, type Blob, type Descriptor, type Layer } from './layer.js';
import { imageManifest, jsonBlob } from './manifest.js';
import type { Fetcher } from '../signer/oci/index.js';
import type { RuntimeBaseOptions } from './runtime-base.js';
import type { TarEntry } from './tar.js';

/** Options of {@link buildSignerImage}. */
export interface BuildSignerImageOptions {
  /** The CLI's launcher (`build/signer/signet.cjs`), the file the entrypoint runs. */
  readonly bundlePath: string;
  /**
   * The CLI bundle the launcher compiles.
   * @default - `signet-cli.cjs` beside `bundlePath`
   */
  readonly cliBundlePath?: string;
  /** Project version, recorded as a label and used as the layout's ref name. */
  readonly version: string;
  /** Directory for cached base layers (e.g. `build/image-cache`). */
  readonly cacheDir: string;
  /**
   * `runtime`, `oci-layout:PATH@sha256:…` or `REGISTRY/REPO@sha256:…`.
   * @default 'runtime'
   */
  readonly base?: string;
  /**
   * Where the runtime base comes from.
   * @default - this process's node binary and the system CA bundle
   */
  readonly runtime?: RuntimeBaseOptions;
  /**
   * Registry client for `REGISTRY/REPO@sha256:…` bases.
   * @default - registry bases are refused
   */
  readonly fetcher?: Fetcher;
  /**
   * Progress lines.
   * @default - silent
   */
  readonly log?: (line: string) => void;
}

/** Everything a build produced, enough to write a layout, push, or write the lock. */
export interface SignerImageBuild {
  readonly manifestDigest: Sha256Digest;
  readonly manifest: Blob & { readonly bytes: Uint8Array };
  readonly config: Blob & { readonly bytes: Uint8Array };
  /** Base layers, then the bundle layer. */
  readonly layers: readonly Layer[];
  readonly bundleLayer: Layer;
  /** The CLI bundle, and its launcher. */
  readonly bundle: { readonly digest: Sha256Digest; readonly size: number; readonly launcher: { readonly digest: Sha256Digest; readonly size: number } };
  readonly base: BaseImage;
  readonly platform: NonNullable<Descriptor['platform']>;
}

/** The entries of the bundle layer: the launcher and the CLI bundle, root-owned and read-only for the non-root user. */
export function signerLayerEntries(launcher: Uint8Array, bundle: Uint8Array): TarEntry[] {
  return [
    { type: 'directory', path: '/opt', mode: 0o755 },
    { type: 'directory', path: '/opt/signet', mode: 0o755 },
    { type: 'file', path: SIGNER_BUNDLE_PATH, mode: 0o644, content: launcher },
    { type: 'file', path: SIGNER_CLI_BUNDLE_PATH, mode: 0o644, content: bundle },
  ];
}

/** The CLI bundle that goes with the launcher at `launcherPath`: the file of that name beside it. */
export function cliBundleBeside(launcherPath: string): string {
  return join(dirname(launcherPath), SIGNER_CLI_FILES.bundle);
}

/**
 * A file without a leading `#!` line: the package's executable (the launcher) starts with one, and the image
 * runs it through `node` anyway, so the package's files and a checkout's build give the same layer and digest.
 */
export function withoutShebang(bundle: Uint8Array): Uint8Array {
  if (bundle[0] !== 0x23 || bundle[1] !== 0x21) return bundle;
  const newline = bundle.indexOf(0x0a);
  return newline === -1 ? new Uint8Array(0) : bundle.subarray(newline + 1);
}

/** Builds the image (nothing is written except the base-layer cache). */
export async function buildSignerImage(options: BuildSignerImageOptions): Promise<SignerImageBuild> {
  const launcherBytes = withoutShebang(await readFile(options.bundlePath));
  const bundleBytes = withoutShebang(await readFile(options.cliBundlePath ?? cliBundleBeside(options.bundlePath)));
  const base = await resolveBase(parseBaseSpec(options.base ?? DEFAULT_BASE), {
    ...options.runtime,
    cacheDir: options.cacheDir,
    ...(options.log ? { log: options.log } : {}),
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
  });
  const bundleLayer = await buildPortableLayer(signerLayerEntries(launcherBytes, bundleBytes));
  const configJson = signerImageConfig({
    architecture: base.architecture,
    os: base.os,
    ...(base.variant === undefined ? {} : { variant: base.variant }),
    baseEnv: base.env,
    baseDiffIds: base.layers.map((l) => l.diffId),
    baseHistory: base.history,
    bundleDiffId: bundleLayer.diffId,
    version: options.version,
  });
  const config = jsonBlob(configJson, MEDIA_TYPES.ociConfig);
  const layers = [...base.layers, bundleLayer];
  const annotations: Record<string, string> = {};
  if (base.lock.kind !== 'runtime') {
    // a layout's path is local to one machine, so only a registry name is worth recording
    if (base.lock.kind === 'registry') annotations[OCI_ANNOTATIONS.baseName] = base.lock.reference;
    annotations[OCI_ANNOTATIONS.baseDigest] = base.lock.manifestDigest;
  }
  const manifest = jsonBlob(imageManifest(config.descriptor, layers.map((l) => l.descriptor), annotations), MEDIA_TYPES.ociManifest);
  return {
    manifestDigest: manifest.descriptor.digest,
    manifest,
    config,
    layers,
    bundleLayer,
    bundle: { digest: sha256Digest(bundleBytes), size: bundleBytes.length, launcher: { digest: sha256Digest(launcherBytes), size: launcherBytes.length } },
    base,
    platform: { architecture: base.architecture, os: base.os, ...(base.variant === undefined ? {} : { variant: base.variant }) },
  };
}
