/**
 * signet's Kyverno policies run by the Kyverno CLI (`kubectl-kyverno apply --registry`, built from
 * the kyverno module by scripts/ensure-go-tools.mjs) against Pods whose images signet signed in the
 * real registry, offline: the signature check reads the registry, nothing else.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Testing, Yaml } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CosignPublicKey, KyvernoClusterPolicy, KyvernoImageValidatingPolicy } from '../../src/policies/index.js';
import { signatureTag } from '../../src/signer/cosign/format.js';
import { signImage } from '../../src/signer/cosign/sign.js';
import { signImageBundle } from '../../src/signer/cosign/sign-bundle.js';
import { decryptPrivateKey, generateKeyPair, type Signer } from '../../src/signer/keys/index.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { goTool } from '../helpers/go-tools.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('Kyverno CLI v1.19.1 with signet’s Kyverno policies', () => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
  let signer: Signer;
  let stranger: Signer;
  let dir: string;
  let bin: string;
  beforeAll(async () => {
    bin = goTool('kyverno');
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    [signer, stranger] = await Promise.all([newSigner(), newSigner()]);
    dir = tempDir('signet-kyverno-');
    const publicKey = CosignPublicKey.fromPem(signer.publicKeyPem());
    const repositories = [`${registry.host}/ky/**`];
    const cpol = Testing.chart();
    new KyvernoClusterPolicy(cpol, 'cpol', { name: 'signet-cpol', publicKey, repositories });
    writeFileSync(join(dir, 'cluster-policy.yaml'), Yaml.stringify(Testing.synth(cpol)[0]));
    const ivpol = Testing.chart();
    new KyvernoImageValidatingPolicy(ivpol, 'ivpol', { name: 'signet-ivpol', publicKey, repositories });
    writeFileSync(join(dir, 'image-validating-policy.yaml'), Yaml.stringify(Testing.synth(ivpol)[0]));
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const apply = (policy: string, image: string): Promise<{ code: number; out: string }> => {
    const pod = join(dir, `pod-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(pod, Yaml.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'default' }, spec: { containers: [{ name: 'app', image }] } }));
    return new Promise((resolve) => {
      const env = { PATH: process.env.PATH ?? '', HOME: dir, DOCKER_CONFIG: join(dir, 'docker'), TUF_ROOT: join(dir, 'tuf'), HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };
      execFile(bin, ['apply', join(dir, policy), '--resource', pod, '--registry', '--remove-color', '--detailed-results'], { env, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}\n${stderr}` }),
      );
    });
  };
  const image = async (name: string) => `${registry.host}/${name}@${(await pushRandomImage(client, { registry: registry.host, repository: name })).digest}`;

  it.each(['cluster-policy.yaml', 'image-validating-policy.yaml'])('%s: passes a signet-signed image, fails unsigned, wrong-key and transplanted images', async (policy) => {
    const signed = await image('ky/app');
    await signImage({ reference: signed, signer, client, confirmDelayMs: 0 });
    const ok = await apply(policy, signed);
    if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`kyverno ${policy} signed: ${ok.out.trim().slice(-600)}\n`);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/pass: [1-9]\d*, fail: 0, warn: 0, error: 0/);

    const unsigned = await image('ky/unsigned');
    const none = await apply(policy, unsigned);
    if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`kyverno ${policy} unsigned: ${none.out.trim().slice(-600)}\n`);
    expect(none.code, none.out).toBe(1);
    expect(none.out).toMatch(/fail: [1-9]\d*, warn: 0, error: 0/);

    const strangers = await image('ky/stranger');
    await signImage({ reference: strangers, signer: stranger, client, confirmDelayMs: 0 });
    const wrong = await apply(policy, strangers);
    if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`kyverno ${policy} wrong key: ${wrong.out.trim().slice(-600)}\n`);
    expect(wrong.code, wrong.out).toBe(1);
    expect(wrong.out).toMatch(/fail: [1-9]\d*, warn: 0, error: 0/);

    // The signed image's .sig copied to another image: the payload names the other digest.
    const other = await image('ky/app');
    const digest = (ref: string) => ref.slice(ref.indexOf('@') + 1);
    const repo = { registry: registry.host, repository: 'ky/app' };
    const sig = await client.getManifest(repo, signatureTag(digest(signed)));
    await client.putManifest(repo, signatureTag(digest(other)), sig!.bytes, sig!.mediaType);
    const copied = await apply(policy, other);
    if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`kyverno ${policy} transplanted: ${copied.out.trim().slice(-600)}\n`);
    expect(copied.code, copied.out).toBe(1);
    expect(copied.out).toMatch(/fail: [1-9]\d*, warn: 0, error: 0/);
  });

  it('image-validating-policy.yaml: passes an image signed by signet in the bundle format (it detects bundles like cosign v3)', async () => {
    const signed = await image('ky/bundle');
    await signImageBundle({ reference: signed, signer, client, confirmDelayMs: 0 });
    const ok = await apply('image-validating-policy.yaml', signed);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/pass: 1, fail: 0, warn: 0, error: 0/);
    const strangers = await image('ky/bundle-stranger');
    await signImageBundle({ reference: strangers, signer: stranger, client, confirmDelayMs: 0 });
    const wrong = await apply('image-validating-policy.yaml', strangers);
    expect(wrong.code, wrong.out).toBe(1);
  });
});
