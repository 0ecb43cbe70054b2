/**
 * The bundle format on a registry that implements the OCI 1.1 referrers API (go-containerregistry's
 * registry): signet writes only the referrer (no `sha256-<hex>` index tag), lists referrers through
 * the API, keeps every signature of 20 concurrent signers, and interoperates with cosign v3 there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseReferrersIndex, referrersTag } from '../../../src/signer/cosign/bundle-format.js';
import { signImageBundle } from '../../../src/signer/cosign/sign-bundle.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { decryptPrivateKey, generateKeyPair, loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient, type RequestEvent } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { cosign } from '../../helpers/cosign.js';
import { startReferrersRegistry, type ReferrersRegistry } from '../../helpers/referrers-registry.js';
import { pushRandomImage } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('bundle signatures on a registry with the referrers API', () => {
  let registry: ReferrersRegistry;
  let client: RegistryClient & ReferrersClient;
  beforeAll(async () => {
    registry = await startReferrersRegistry();
    client = createRegistryClient({ pushIntent: true });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });
  const repoOf = (name: string) => ({ registry: registry.host, repository: name });

  it('writes only the referrer, in 7 requests and without a wait, and verifies through the API', async () => {
    const signer = await newSigner();
    const image = await pushRandomImage(client, repoOf('api/app'));
    const ref = `${registry.host}/api/app@${image.digest}`;
    const events: RequestEvent[] = [];
    const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
    let sleeps = 0;
    try {
      const result = await signImageBundle({ reference: ref, signer, client: counting, sleep: async () => void (sleeps += 1) });
      expect(result.referrersSource).toBe('api');
    } finally {
      counting.close();
    }
    // The image HEAD and the empty-config upload run in parallel, so only the multiset is fixed.
    expect(events.map((e) => e.method).sort()).toEqual(['GET', 'HEAD', 'POST', 'POST', 'PUT', 'PUT', 'PUT']);
    expect(sleeps).toBe(0);
    expect(await client.getManifest(repoOf('api/app'), referrersTag(image.digest))).toBeUndefined();
    const answer = await client.getReferrers(repoOf('api/app'), image.digest);
    expect(answer.supported && parseReferrersIndex(answer.index)).toHaveLength(1);
    expect((await verifyImage({ reference: ref, verifier: loadPublicKey(signer.publicKeyPem()), client })).format).toBe('bundle');
  });

  it('keeps all 20 signatures of 20 concurrent signers', async () => {
    const image = await pushRandomImage(client, repoOf('api/race'));
    const ref = `${registry.host}/api/race@${image.digest}`;
    const signers = await Promise.all(Array.from({ length: 20 }, () => newSigner()));
    const clients = signers.map(() => createRegistryClient({ pushIntent: true }));
    try {
      await Promise.all(signers.map((signer, i) => signImageBundle({ reference: ref, signer, client: clients[i]! })));
    } finally {
      clients.forEach((c) => c.close());
    }
    const answer = await client.getReferrers(repoOf('api/race'), image.digest);
    expect(answer.supported && parseReferrersIndex(answer.index)).toHaveLength(20);
    for (const signer of signers) await verifyImage({ reference: ref, verifier: loadPublicKey(signer.publicKeyPem()), client });
  });

  it('interoperates with cosign v3 there, both directions', async () => {
    const tool = cosign('v3');
    const dir = tempDir('signet-api-interop-');
    const pair = await generateKeyPair(new TextEncoder().encode('pw'), 'sigstore');
    writeFileSync(join(dir, 'k.key'), pair.privateKeyPem);
    writeFileSync(join(dir, 'k.pub'), pair.publicKeyPem);
    const ours = `${registry.host}/api/interop@${(await pushRandomImage(client, repoOf('api/interop'), 'a')).digest}`;
    expect((await runSignet(dir, ['sign', '--key', 'k.key', '--new-bundle-format', ours], { COSIGN_PASSWORD: 'pw' })).code).toBe(0);
    const verified = await tool.verify(join(dir, 'k.pub'), ours);
    expect(verified.code, verified.stderr).toBe(0);
    const theirs = `${registry.host}/api/interop@${(await pushRandomImage(client, repoOf('api/interop'), 'b')).digest}`;
    const signed = await tool.sign(join(dir, 'k.key'), theirs, { password: 'pw', bundle: true });
    expect(signed.code, signed.stderr).toBe(0);
    expect((await runSignet(dir, ['verify', '--key', 'k.pub', theirs])).code).toBe(0);
  });
});
