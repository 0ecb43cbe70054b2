/**
 * What the benchmarks that run `signet sign` and `cosign sign` processes share: one cosign-format key
 * (scrypt N=32768, which both tools read) written to the work folder, the offline environment both
 * processes get, and cosign's command line for a key-based signature without the transparency log.
 * One place, so that every comparison runs cosign the same way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateKeyPair } from '../src/signer/keys/index.js';

/** A key file both tools sign with, and the environment that unlocks it. */
export interface SigningSetup {
  /** The encrypted private key file. */
  readonly keyPath: string;
  /** The PEM of that key (for in-process decryption). */
  readonly privateKeyPem: string;
  /**
   * `PATH` and `COSIGN_PASSWORD` only, plus a home, docker config and TUF root in `workDir` and a dead
   * proxy for anything off the machine (`NO_PROXY` keeps the loopback registry reachable).
   */
  readonly env: Readonly<Record<string, string>>;
}

/** Writes a fresh key with `password` into `workDir` and returns it with the processes' environment. */
export async function signingSetup(workDir: string, password: string): Promise<SigningSetup> {
  const pair = await generateKeyPair(new TextEncoder().encode(password), 'cosign');
  const keyPath = join(workDir, 'bench.key');
  writeFileSync(keyPath, pair.privateKeyPem, { mode: 0o600 });
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: workDir,
    DOCKER_CONFIG: join(workDir, 'none'),
    TUF_ROOT: join(workDir, 'tuf'),
    COSIGN_PASSWORD: password,
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
  return { keyPath, privateKeyPem: pair.privateKeyPem, env };
}

/** `cosign sign --key` arguments for `ref`, offline (no transparency log, no signing config), in either format. */
export function cosignSignArgs(keyPath: string, ref: string, bundle: boolean): string[] {
  return ['sign', '--key', keyPath, '--tlog-upload=false', '--use-signing-config=false', `--new-bundle-format=${bundle}`, '--yes', ref];
}
