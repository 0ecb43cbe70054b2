/**
 * Asks containers/image (the library in skopeo, podman and CRI-O) about sigstore signatures in a
 * test registry: a pull (`copy docker://… dir:…`) evaluated against a policy.json with one
 * requirement, and a copy that signs with its own sigstore signer. `containersImage()` runs a
 * small driver of the library built by scripts/ensure-go-tools.mjs (test/tools/containers-image:
 * v5.23.1, what Debian's skopeo 1.9.3 vendors; containers-image-latest: the newest);
 * `debianSkopeo()` runs /usr/bin/skopeo instead.
 * Both run offline: a private HOME, registries.d and policy in a temporary folder, and every
 * non-loopback connection sent to a closed port.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { goTool } from './go-tools.js';
import { tempDir } from './temp-dir.js';

/** Debian's skopeo (package `skopeo`, installed by scripts/ensure-test-deps.mjs). */
export const DEBIAN_SKOPEO = '/usr/bin/skopeo';

/** One run's outcome; `stderr` holds the reason of a refusal. */
export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A `signedIdentity` of containers/image's policy.json (`docs/containers-policy.json.5.md`). */
export type SignedIdentity =
  | { readonly type: 'matchRepoDigestOrExact' | 'matchExact' | 'matchRepository' }
  | { readonly type: 'exactRepository'; readonly dockerRepository: string }
  | { readonly type: 'remapIdentity'; readonly prefix: string; readonly signedPrefix: string };

/** Options of a signing copy. */
export interface SignOptions {
  /** A cosign private key file. */
  readonly keyPath: string;
  readonly passphrase: string;
  /** `--sign-identity`: the docker reference to sign instead of the destination's. */
  readonly identity?: string;
}

/** containers/image, run as a command. */
export interface ContainersImage {
  /** `skopeo version 1.9.3`, or the library's module and version for a test tool. */
  version(): Promise<string>;
  /**
   * Pulls `image` (`host/repo[:tag][@digest]`) into a fresh folder under a policy whose only
   * requirement is `sigstoreSigned` with `keyPath` (and `signedIdentity` when given).
   */
  pull(image: string, keyPath: string, signedIdentity?: SignedIdentity): Promise<ToolRun>;
  /** Copies `source` to `destination` (both `host/repo…`), signing the copy with a cosign key. */
  copySigned(source: string, destination: string, options: SignOptions): Promise<ToolRun>;
}

/**
 * The containers/image test tools: `containers-image` (v5.23.1, skopeo 1.9.3's) and
 * `containers-image-latest` (the newest, go.podman.io/image/v5), from test/tools/go-tools.json.
 */
export type ContainersImageTool = 'containers-image' | 'containers-image-latest';

/** A containers/image test tool (throws with the build command when it is not built). */
export function containersImage(tool: ContainersImageTool = 'containers-image'): ContainersImage {
  const bin = goTool(tool);
  return runner(bin, (config, rest) => [rest[0]!, '--policy', config.policy, '--registries.d', config.registriesDir, ...rest.slice(1)], ['version']);
}

/** Debian's skopeo, or undefined when it is not installed. */
export function debianSkopeo(): ContainersImage | undefined {
  if (!existsSync(DEBIAN_SKOPEO)) return undefined;
  return runner(
    DEBIAN_SKOPEO,
    (config, rest) => ['--policy', config.policy, '--registries.d', config.registriesDir, rest[0]!, '--src-tls-verify=false', '--dest-tls-verify=false', ...rest.slice(1)],
    ['--version'],
  );
}

interface RunConfig {
  readonly policy: string;
  readonly registriesDir: string;
}

function runner(bin: string, argsOf: (config: RunConfig, rest: readonly string[]) => string[], versionArgs: readonly string[]): ContainersImage {
  const home = tempDir('signet-containers-image-');
  const registriesDir = join(home, 'registries.d');
  mkdirSync(registriesDir);
  mkdirSync(join(home, 'run'), { mode: 0o700 });
  mkdirSync(join(home, 'tmp'));
  // Without this, containers/image neither reads nor writes `sha256-<hex>.sig` tags.
  writeFileSync(join(registriesDir, 'sigstore.yaml'), 'default-docker:\n  use-sigstore-attachments: true\n');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_RUNTIME_DIR: join(home, 'run'),
    XDG_CONFIG_HOME: join(home, 'config'),
    // Its big temporary files (blobs in transit) go here instead of /var/tmp.
    TMPDIR: join(home, 'tmp'),
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
  let runs = 0;
  const policyFile = (requirement: object): string => {
    runs += 1;
    const path = join(home, `policy-${runs}.json`);
    writeFileSync(path, `${JSON.stringify({ default: [requirement] })}\n`);
    return path;
  };
  const run = (args: readonly string[]): Promise<ToolRun> =>
    new Promise((resolve) => {
      execFile(bin, [...args], { cwd: home, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  return {
    version: async () => (await run(versionArgs)).stdout.trim(),
    pull: (image, keyPath, signedIdentity) => {
      const policy = policyFile({ type: 'sigstoreSigned', keyPath, ...(signedIdentity === undefined ? {} : { signedIdentity }) });
      return run(argsOf({ policy, registriesDir }, ['copy', `docker://${image}`, `dir:${tempDir('signet-containers-image-pull-')}`]));
    },
    copySigned: (source, destination, options) => {
      const policy = policyFile({ type: 'insecureAcceptAnything' });
      const passphraseFile = join(home, `passphrase-${runs}`);
      writeFileSync(passphraseFile, `${options.passphrase}\n`, { mode: 0o600 });
      const sign = ['--sign-by-sigstore-private-key', options.keyPath, '--sign-passphrase-file', passphraseFile, ...(options.identity === undefined ? [] : ['--sign-identity', options.identity])];
      return run(argsOf({ policy, registriesDir }, ['copy', ...sign, `docker://${source}`, `docker://${destination}`]));
    },
  };
}
