/**
 * Unpacks an image from an OCI layout into a directory, layer by layer, so that tests (and
 * `npm run image -- --verify`) can run the signer with `chroot` exactly as a container would see it.
 * Uses the system `tar`, an independent reader of what our writer produced.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OciImageConfig } from './config.js';
import { hostPlatform } from './base.js';
import { isSha256Digest, type Sha256Digest } from '../shared/oci/index.js';
import { ImageError } from './errors.js';
import { readOciLayoutImage } from './layout.js';

/** coreutils `chroot`, by absolute path: the child's `PATH` is the image's, not the host's. */
const CHROOT = '/usr/sbin/chroot';

/** What {@link unpackOciLayout} unpacked. */
export interface UnpackedImage {
  readonly manifestDigest: Sha256Digest;
  readonly config: OciImageConfig;
  readonly rootfs: string;
}

/**
 * Extracts every layer of the layout's image into `rootfs`, keeping numeric owners and modes
 * (run as root for the owners to apply). Whiteouts are not handled: the signer image has none.
 *
 * @param digest the manifest to unpack; @default - the only manifest in `index.json`
 */
export async function unpackOciLayout(layoutDir: string, rootfs: string, digest?: Sha256Digest): Promise<UnpackedImage> {
  let manifestDigest = digest;
  if (manifestDigest === undefined) {
    const index = JSON.parse(await readFile(join(layoutDir, 'index.json'), 'utf8')) as { manifests?: Array<{ digest?: string }> };
    const only = index.manifests?.length === 1 ? index.manifests[0]?.digest : undefined;
    if (!isSha256Digest(only)) {
      throw new ImageError('LAYOUT_INVALID', `${layoutDir}/index.json must list exactly one manifest to unpack without a digest`);
    }
    manifestDigest = only;
  }
  const image = await readOciLayoutImage(layoutDir, manifestDigest, hostPlatform());
  await mkdir(rootfs, { recursive: true });
  // a container's `/` is world-readable; a mkdtemp directory is 0700, which would lock out the non-root user
  await chmod(rootfs, 0o755);
  for (const layer of image.layerPaths) {
    execFileSync('tar', ['-xzf', layer, '-C', rootfs, '--numeric-owner', '--same-owner', '--same-permissions'], { stdio: 'pipe' });
  }
  return { manifestDigest: image.manifestDigest, config: image.config as OciImageConfig, rootfs };
}

/**
 * Runs the image's entrypoint plus `args` in `rootfs` with `chroot`, as the image's user and with
 * its environment, like a container runtime would minus namespaces and mounts. The working
 * directory is `/` (coreutils `chroot` always changes to the new root), not the image's
 * `WorkingDir`; the signer only takes absolute paths, so this does not change what it does.
 * Requires root. Returns stdout; throws (with stderr on the error) on a non-zero exit.
 */
export function runInRootfs(image: UnpackedImage, args: readonly string[], options: { env?: Readonly<Record<string, string>>; input?: string } = {}): string {
  const cfg = image.config.config;
  const env: Record<string, string> = {};
  for (const entry of cfg.Env ?? []) {
    const eq = entry.indexOf('=');
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  Object.assign(env, options.env);
  const user = cfg.User ?? '0:0';
  const command = [...(cfg.Entrypoint ?? []), ...args];
  return execFileSync(CHROOT, [`--userspec=${user}`, image.rootfs, ...command], {
    env,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.input === undefined ? {} : { input: options.input }),
  });
}
