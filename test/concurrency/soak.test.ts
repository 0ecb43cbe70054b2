/**
 * Soak: rounds of 20 real `signet sign` processes (the bundled CLI, each with its own key) signing
 * one fresh image at the same moment, for each way a signature is stored: the `.sig` tag and the
 * referrers tag schema index (both read-modify-write without compare-and-swap, on Debian's
 * docker-registry) and the referrers API (go-containerregistry's registry). After each round, every
 * signer that exited 0 must find its signature in the final state, verifying with its key, and
 * every signer must have exited 0.
 *
 * One round per format always runs; `SIGNET_SOAK_ROUNDS=10 npx vitest run test/concurrency/soak.test.ts`
 * runs the full soak (10 rounds × 20 signers × 3 formats).
 */
import { execFile, execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SIGNATURE_ANNOTATION } from '../../src/signer/cosign/format.js';
import { verifyImage } from '../../src/signer/cosign/verify.js';
import { generateKeyPair, loadPublicKey } from '../../src/signer/keys/index.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { signatureState } from '../faults/_signature-state.js';
import { startReferrersRegistry, type ReferrersRegistry } from '../helpers/referrers-registry.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../..');
const SIGNERS = 20;
const ROUNDS = Math.max(1, Number(process.env.SIGNET_SOAK_ROUNDS ?? 1));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 70;
      done({ code, stdout, stderr });
    });
  });
}

type Format = 'sig' | 'bundle-tag' | 'bundle-api';

describe(`soak: ${ROUNDS} round(s) of ${SIGNERS} concurrent signet sign processes per format`, () => {
  let registry: TestRegistry;
  let referrersRegistry: ReferrersRegistry;
  let client: RegistryClient & ReferrersClient;
  let dir: string;
  let cli: string;
  const publicKeys: string[] = [];

  beforeAll(async () => {
    dir = tempDir('signet-soak-');
    cli = join(dir, 'signet.cjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', cli], { cwd: ROOT, stdio: 'ignore' });
    [registry, referrersRegistry] = await Promise.all([startRegistry(), startReferrersRegistry()]);
    client = createRegistryClient({ pushIntent: true });
    const pairs = await Promise.all(Array.from({ length: SIGNERS }, (_, i) => generateKeyPair(new TextEncoder().encode(`password-${i}`))));
    pairs.forEach((pair, i) => {
      writeFileSync(join(dir, `key${i}.key`), pair.privateKeyPem, { mode: 0o600 });
      publicKeys.push(pair.publicKeyPem);
    });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
    await referrersRegistry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** One round: a fresh image, 20 signers at once; returns how many signatures were lost and how many signers failed. */
  async function round(format: Format, n: number): Promise<{ lost: number; failed: string[] }> {
    const host = format === 'bundle-api' ? referrersRegistry.host : registry.host;
    const repo = { registry: host, repository: `soak/${format}` };
    const image = await pushRandomImage(client, repo, `r${n}`);
    const reference = `${host}/soak/${format}@${image.digest}`;
    const runs = await Promise.all(
      publicKeys.map((_, i) =>
        run([cli, 'sign', '--key', join(dir, `key${i}.key`), ...(format === 'sig' ? [] : ['--new-bundle-format']), reference], {
          COSIGN_PASSWORD: `password-${i}`,
          DOCKER_CONFIG: join(dir, 'no-docker-config'),
          HOME: dir,
        }),
      ),
    );
    const failed = runs.flatMap((r, i) => (r.code === 0 && r.stdout === `${reference}\n` && r.stderr === '' ? [] : [`signer ${i}: exit ${r.code} ${r.stderr.trim()}`]));
    if (format === 'sig') {
      const state = await signatureState(client, repo, image.digest);
      expect(state.missingBlobs).toEqual([]);
      expect(new Set(state.layers.map((l) => l.annotations?.[SIGNATURE_ANNOTATION])).size).toBe(state.layers.length);
    }
    let lost = 0;
    for (const [i, pem] of publicKeys.entries()) {
      if (runs[i]!.code !== 0) continue;
      const verified = await verifyImage({ reference, verifier: loadPublicKey(pem), client, format: format === 'sig' ? 'legacy' : 'bundle' }).catch(() => undefined);
      const count = verified === undefined ? 0 : format === 'sig' ? verified.signatures.length : verified.bundles.length;
      if (count !== 1) lost += 1;
    }
    return { lost, failed };
  }

  for (const format of ['sig', 'bundle-tag', 'bundle-api'] as const) {
    it(`${format}: every signer that reported success has its signature at the end, and every signer succeeds`, async () => {
      const results: { lost: number; failed: string[] }[] = [];
      for (let n = 0; n < ROUNDS; n += 1) results.push(await round(format, n));
      const summary = results.map((r, n) => `round ${n + 1}: ${SIGNERS - r.failed.length} ok, ${r.lost} lost`).join('; ');
      process.stderr.write(`soak ${format}: ${summary}\n`);
      expect(results.map((r) => r.lost)).toEqual(results.map(() => 0));
      expect(results.flatMap((r) => r.failed)).toEqual([]);
    }, 60_000 + ROUNDS * 90_000);
  }
});
