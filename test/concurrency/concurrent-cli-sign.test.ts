/**
 * 20 real `signet sign` processes (the bundled CLI), each with its own key, sign one image at the
 * same moment. The `.sig` tag is a read-modify-write on a registry without compare-and-swap, the
 * case where cosign loses signatures (sigstore/cosign#2432): afterwards all 20 must be there and verify.
 */
import { execFile, execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SIGNATURE_ANNOTATION } from '../../src/signer/cosign/format.js';
import { verifyImage } from '../../src/signer/cosign/verify.js';
import { generateKeyPair, loadPublicKey } from '../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { signatureState } from '../faults/_signature-state.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../..');
const SIGNERS = 20;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 70;
      done({ code, stdout, stderr });
    });
  });
}

describe(`${SIGNERS} concurrent signet sign processes on one image`, () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let dir: string;
  let cli: string;
  const publicKeys: string[] = [];

  beforeAll(async () => {
    dir = tempDir('signet-concurrency-');
    cli = join(dir, 'signet.cjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', cli], { cwd: ROOT, stdio: 'ignore' });
    registry = await startRegistry();
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
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps all signatures, each verifying with its own key', async () => {
    const repo = { registry: registry.host, repository: 'race/cli' };
    const image = await pushRandomImage(client, repo);
    const reference = `${registry.host}/race/cli@${image.digest}`;
    const runs = await Promise.all(
      publicKeys.map((_, i) =>
        run([cli, 'sign', '--key', join(dir, `key${i}.key`), reference], { COSIGN_PASSWORD: `password-${i}`, DOCKER_CONFIG: join(dir, 'no-docker-config'), HOME: dir }),
      ),
    );
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${reference}\n`);
    }
    const state = await signatureState(client, repo, image.digest);
    expect(state.missingBlobs).toEqual([]);
    expect(state.layers).toHaveLength(SIGNERS);
    expect(new Set(state.layers.map((l) => l.annotations?.[SIGNATURE_ANNOTATION])).size).toBe(SIGNERS);
    for (const pem of publicKeys) {
      const verified = await verifyImage({ reference, verifier: loadPublicKey(pem), client });
      expect(verified.signatures).toHaveLength(1);
    }
  });
});
