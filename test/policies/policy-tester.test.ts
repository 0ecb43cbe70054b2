/**
 * signet's `PolicyControllerClusterImagePolicy` run by Sigstore policy-controller's own verifier,
 * `policy-tester` (github.com/sigstore/policy-controller/cmd/tester, built from the module by
 * scripts/ensure-go-tools.mjs), against images signed by signet in the real registry, offline.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Testing, Yaml } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CosignPublicKey, PolicyControllerClusterImagePolicy } from '../../src/policies/index.js';
import { signImageBundle } from '../../src/signer/cosign/sign-bundle.js';
import { signImage } from '../../src/signer/cosign/sign.js';
import { signatureTag } from '../../src/signer/cosign/format.js';
import { decryptPrivateKey, generateKeyPair, type Signer } from '../../src/signer/keys/index.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { goTool } from '../helpers/go-tools.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

/** policy-tester refused, for a signature reason (its JSON error output), not a network failure. */
function refusedFor(run: { code: number; out: string }, what: string): void {
  if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`policy-tester ${what}: ${run.out.trim().split('\n').filter((l) => l.startsWith('{')).join(' ')}\n`);
  expect(run.code, `${what}: ${run.out}`).toBe(1);
  expect(run.out, what).toMatch(/"errors":\[/);
  expect(run.out, what).not.toMatch(/proxyconnect|tuf-repo/i);
}

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('policy-controller policy-tester v0.13.1 with signet’s ClusterImagePolicy', () => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
  let signer: Signer;
  let stranger: Signer;
  let dir: string;
  let bin: string;
  beforeAll(async () => {
    bin = goTool('policy-tester');
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    [signer, stranger] = await Promise.all([newSigner(), newSigner()]);
    dir = tempDir('signet-policy-tester-');
    const chart = Testing.chart();
    new PolicyControllerClusterImagePolicy(chart, 'signed', { name: 'signet', publicKey: CosignPublicKey.fromPem(signer.publicKeyPem()), repositories: [`${registry.host}/pt/**`] });
    writeFileSync(join(dir, 'cip.yaml'), Yaml.stringify(Testing.synth(chart)[0]));
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const tester = (image: string): Promise<{ code: number; out: string }> =>
    new Promise((resolve) => {
      const env = { PATH: process.env.PATH ?? '', HOME: dir, DOCKER_CONFIG: join(dir, 'docker'), TUF_ROOT: join(dir, 'tuf'), HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };
      execFile(bin, ['--policy', join(dir, 'cip.yaml'), '--image', image], { env, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}\n${stderr}` }),
      );
    });
  const image = async (name: string, tag = 'latest') => `${registry.host}/${name}@${(await pushRandomImage(client, { registry: registry.host, repository: name }, tag)).digest}`;

  it('admits an image signed by signet (.sig) and refuses unsigned, wrong-key, transplanted and bundle-only images', async () => {
    const signed = await image('pt/app');
    await signImage({ reference: signed, signer, client, confirmDelayMs: 0 });
    const ok = await tester(signed);
    expect(ok.code, ok.out).toBe(0);

    const unsigned = await image('pt/unsigned');
    refusedFor(await tester(unsigned), 'unsigned');

    const strangers = await image('pt/stranger');
    await signImage({ reference: strangers, signer: stranger, client, confirmDelayMs: 0 });
    refusedFor(await tester(strangers), 'wrong key');

    const other = await image('pt/app', 'other');
    const digest = (ref: string) => ref.slice(ref.indexOf('@') + 1);
    const sig = await client.getManifest({ registry: registry.host, repository: 'pt/app' }, signatureTag(digest(signed)));
    await client.putManifest({ registry: registry.host, repository: 'pt/app' }, signatureTag(digest(other)), sig!.bytes, sig!.mediaType);
    refusedFor(await tester(other), 'transplanted');

    // A key authority reads only the legacy format: policy-controller refuses `signatureFormat: bundle` for keys.
    const bundleOnly = await image('pt/bundle');
    await signImageBundle({ reference: bundleOnly, signer, client, confirmDelayMs: 0 });
    refusedFor(await tester(bundleOnly), 'bundle only');
  });
});
