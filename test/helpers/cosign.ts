/**
 * Runs the real cosign (built by scripts/ensure-go-tools.mjs from test/tools/go-tools.json) offline:
 * a private HOME, TUF cache and Docker config, and every non-loopback connection sent to a proxy
 * that does not exist, so a cosign that tried to reach Sigstore's public services fails instead.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { goTool } from './go-tools.js';
import { tempDir } from './temp-dir.js';

/** The cosign major versions the tests run, with the go-tools.json entry of each. */
export const COSIGN_VERSIONS = ['v2', 'v3'] as const;
export type CosignMajor = (typeof COSIGN_VERSIONS)[number];

/** One cosign invocation's outcome. */
export interface CosignRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A cosign binary with an isolated, offline environment. */
export interface Cosign {
  readonly major: CosignMajor;
  /** The version from go-tools.json, e.g. `v3.1.3`. */
  readonly version: string;
  /** The scratch directory (HOME, key files). */
  readonly home: string;
  run(args: readonly string[], options?: { password?: string; cwd?: string }): Promise<CosignRun>;
  /** `cosign sign --key KEY IMAGE` with the flags that keep this version offline; `bundle` picks the format. */
  sign(keyPath: string, image: string, options: { password: string; bundle: boolean; annotations?: Record<string, string> }): Promise<CosignRun>;
  /** `cosign verify --key PUB IMAGE` offline (no transparency log), letting cosign pick the format. */
  verify(publicKeyPath: string, image: string, options?: { annotations?: Record<string, string> }): Promise<CosignRun>;
}

const TOOLS = JSON.parse(readFileSync(fileURLToPath(new URL('../tools/go-tools.json', import.meta.url)), 'utf8')) as { tools: Record<string, { version: string }> };

/** An isolated cosign of the given major version. Throws (with the build command) when it is not built. */
export function cosign(major: CosignMajor): Cosign {
  const name = `cosign-${major}`;
  const bin = goTool(name);
  const home = tempDir(`signet-${name}-`);
  mkdirSync(join(home, '.docker'), { recursive: true });
  // cosign v2.6 demands a trusted root to verify a bundle even with a key and no transparency log;
  // one that trusts no authority at all satisfies it without TUF (v3 needs none offline).
  const emptyTrustedRoot = join(home, 'empty-trusted-root.json');
  writeFileSync(emptyTrustedRoot, '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}\n');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    TUF_ROOT: join(home, 'tuf'),
    // Loopback registries bypass proxies in Go; anything else goes to a closed port and fails fast.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    COSIGN_EXPERIMENTAL: '0',
  };
  const run = (args: readonly string[], options: { password?: string; cwd?: string } = {}): Promise<CosignRun> =>
    new Promise((resolve) => {
      const child = execFile(
        bin,
        [...args],
        { cwd: options.cwd ?? home, env: { ...env, ...(options.password === undefined ? {} : { COSIGN_PASSWORD: options.password }) }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
  const annotationArgs = (annotations: Record<string, string> = {}): string[] => Object.entries(annotations).flatMap(([k, v]) => ['-a', `${k}=${v}`]);
  return {
    major,
    version: TOOLS.tools[name]!.version,
    home,
    run,
    sign: (keyPath, image, options) => {
      // v2: bundle format off by default, no signing config. v3: both on by default; key signing
      // offline needs --use-signing-config=false with --tlog-upload=false (v3.0.3+ refuses the mix).
      const format = major === 'v2' ? (options.bundle ? ['--new-bundle-format=true'] : []) : [`--new-bundle-format=${options.bundle}`, '--use-signing-config=false'];
      return run(['sign', '--key', keyPath, '--tlog-upload=false', '--yes', ...format, ...annotationArgs(options.annotations), image], { password: options.password });
    },
    verify: (publicKeyPath, image, options = {}) =>
      run(['verify', '--key', publicKeyPath, '--insecure-ignore-tlog=true', ...(major === 'v2' ? ['--trusted-root', emptyTrustedRoot] : []), ...annotationArgs(options.annotations), image]),
  };
}

/**
 * cosign's protojson output with protojson's optional space after commas removed (outside strings).
 * protojson adds it or not depending on the binary, on purpose, so nobody relies on the bytes.
 */
export function withoutProtojsonSpaces(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|, /g, (_match, str: string | undefined) => str ?? ',');
}
