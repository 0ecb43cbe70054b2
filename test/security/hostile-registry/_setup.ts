/**
 * Shared set-up of the hostile-registry suite: a working directory with a key pair and a Docker
 * config, an image pushed straight to the real registry, and the one-line failure check.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect } from 'vitest';

import { createRegistryClient } from '../../../src/signer/oci/index.js';
import { runSignet, type CliRun } from '../../helpers/cli.js';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Credentials the hostile tests give the signer (and look for where they must not appear). */
export const CREDS = { username: 'alice', password: 'alice-secret-pw' } as const;

/** A working directory holding `cosign.key`/`cosign.pub` (empty password) and `config.json` with `CREDS` for `hosts`. */
export async function workspace(hosts: readonly string[] = []): Promise<string> {
  const dir = tempDir('signet-hostile-');
  const auth = Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: Object.fromEntries(hosts.map((h) => [h, { auth }])) }));
  const made = await runSignet(dir, ['generate-key-pair'], { COSIGN_PASSWORD: '' });
  expect(made.code).toBe(0);
  return dir;
}

/** Runs `signet` in `dir` with its Docker config and the empty key password. */
export function signet(dir: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runSignet(dir, args, { COSIGN_PASSWORD: '', DOCKER_CONFIG: dir, ...env });
}

/** Pushes a small image to `registry` directly (with `CREDS` when the registry wants them); returns its digest. */
export async function pushImage(registry: TestRegistry, repository: string): Promise<string> {
  const client = createRegistryClient({
    credentials: () => ({ kind: 'basic', ...CREDS }),
    ...(registry.caPem === undefined ? {} : { tls: { caPem: [registry.caPem] } }),
  });
  try {
    return (await pushRandomImage(client, { registry: registry.host, repository })).digest;
  } finally {
    client.close();
  }
}

/** A clean failure: `code`, nothing on stdout, exactly one `signet: ` line matching `pattern`, no credential. */
export function expectOneLineFailure(run: CliRun, code: number, pattern: RegExp): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: expect.stringMatching(/^signet: [^\n]+\n$/) });
  expect(run.stderr).toMatch(pattern);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toContain(CREDS.password);
}

/** What {@link proxiedImage} sets up: a fault proxy in front of a real registry, a workspace and one pushed image. */
export interface ProxiedImage {
  readonly proxy: FaultProxy;
  readonly dir: string;
  readonly digest: string;
}

/**
 * Registers the suite's common `beforeAll`/`afterAll`: a real registry, a fault proxy in front of it, a
 * workspace, and an image `hostile/app` pushed straight to the registry. Read the fields inside tests.
 */
export function proxiedImage(): ProxiedImage {
  let registry: TestRegistry | undefined;
  const state = {} as { proxy: FaultProxy; dir: string; digest: string };
  beforeAll(async () => {
    registry = await startRegistry();
    state.proxy = await startFaultProxy({ target: registry.url });
    state.dir = await workspace();
    state.digest = await pushImage(registry, 'hostile/app');
  });
  afterAll(async () => {
    await state.proxy?.stop();
    await registry?.stop();
  });
  return state;
}
