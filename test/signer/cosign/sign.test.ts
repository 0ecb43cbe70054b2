import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseSignatureManifest, parseSimpleSigningPayload, SIGNATURE_ANNOTATION } from '../../../src/signer/cosign/format.js';
import { signImage, SigningError } from '../../../src/signer/cosign/sign.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { decryptPrivateKey, generateKeyPair, loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient, type RequestEvent } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

const VECTOR = resolve(__dirname, '../../../../shared/vectors/cosign/keys/policy-controller-cosign-label-empty-password');

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('signImage against a real registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let alice: Signer;
  let bob: Signer;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    [alice, bob] = await Promise.all([newSigner(), newSigner()]);
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const repoOf = (name: string) => ({ registry: registry.host, repository: name });
  const layersOf = async (name: string, digest: string) => {
    const m = await client.getManifest(repoOf(name), `${digest.replace(':', '-')}.sig`);
    return parseSignatureManifest(m!.bytes).layers;
  };

  it('signs an unsigned image by digest in at most 8 HTTP requests (the existence HEAD included)', async () => {
    const image = await pushRandomImage(client, repoOf('count/app'));
    const events: RequestEvent[] = [];
    const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
    try {
      // A frozen clock: how stale a read is must not depend on this machine's load here.
      const result = await signImage({ reference: `${registry.host}/count/app@${image.digest}`, signer: alice, client: counting, clock: () => 0 });
      expect(result.signedReference).toBe(`${registry.host}/count/app@${image.digest}`);
      expect(result.writes).toBe(1);
      // a decrypted key: the payload and config blobs at once, then the read, so that it is fresh for the PUT
      const seen = events.map((e) => `${e.method} ${e.status}`);
      expect(seen.slice(0, 1)).toEqual(['HEAD 200']);
      expect(seen.slice(1, 5).sort()).toEqual(['POST 202', 'POST 202', 'PUT 201', 'PUT 201']);
      expect(seen.slice(5)).toEqual(['GET 404', 'PUT 201', 'GET 200']);
      expect(events.length).toBeLessThanOrEqual(8);
    } finally {
      counting.close();
    }
  });

  it('writes cosign-shaped bytes: repo-only docker-reference, optional null, OCI .sig manifest', async () => {
    const image = await pushRandomImage(client, repoOf('shape/app'));
    const result = await signImage({ reference: `${registry.host}/shape/app@${image.digest}`, signer: alice, client });
    expect(new TextDecoder().decode(result.payload)).toBe(
      `{"critical":{"identity":{"docker-reference":"${registry.host}/shape/app"},"image":{"docker-manifest-digest":"${image.digest}"},"type":"cosign container image signature"},"optional":null}`,
    );
    const sig = await client.getManifest(repoOf('shape/app'), result.signatureTag);
    expect(sig!.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const layers = parseSignatureManifest(sig!.bytes).layers;
    expect(layers).toEqual([{ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', size: result.payload.length, digest: expect.stringMatching(/^sha256:/), annotations: { [SIGNATURE_ANNOTATION]: result.signature } }]);
  });

  it('appends a second signature instead of overwriting, and dedupes a repeat by the same key', async () => {
    const image = await pushRandomImage(client, repoOf('append/app'));
    const ref = `${registry.host}/append/app@${image.digest}`;
    await signImage({ reference: ref, signer: alice, client });
    await signImage({ reference: ref, signer: bob, client });
    expect(await layersOf('append/app', image.digest)).toHaveLength(2);
    const again = await signImage({ reference: ref, signer: alice, client });
    expect(again.alreadySigned).toBe(true);
    expect(again.writes).toBe(0);
    expect(await layersOf('append/app', image.digest)).toHaveLength(2);
    for (const key of [alice, bob]) {
      const verified = await verifyImage({ reference: ref, verifier: loadPublicKey(key.publicKeyPem()), client });
      expect(verified.signatures).toHaveLength(1);
    }
    // Different annotations make a different signature (cosign's rule compares the payload).
    await signImage({ reference: ref, signer: alice, client, annotations: { run: '42' } });
    expect(await layersOf('append/app', image.digest)).toHaveLength(3);
  });

  it('resolves a tag with a warning, and can sign repo:tag as the identity', async () => {
    const image = await pushRandomImage(client, repoOf('tagged/app'), 'v1.2');
    const warnings: string[] = [];
    const result = await signImage({ reference: `${registry.host}/tagged/app:v1.2`, signer: alice, client, identityWithTag: true, onWarning: (w) => warnings.push(w) });
    expect(result.digest).toBe(image.digest);
    expect(result.dockerReference).toBe(`${registry.host}/tagged/app:v1.2`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('uses a tag, not a digest');
    const custom = await signImage({ reference: `${registry.host}/tagged/app@${image.digest}`, signer: bob, client, identity: 'registry.example/prod/app' });
    expect(parseSimpleSigningPayload(custom.payload).dockerReference).toBe('registry.example/prod/app');
  });

  it('fails clearly for a missing tag and for identity-with-tag without a tag', async () => {
    const missing = await signImage({ reference: `${registry.host}/nothing/here:v9`, signer: alice, client }).catch((e: unknown) => e);
    expect((missing as SigningError).code).toBe('SIGN_IMAGE_NOT_FOUND');
    const noTag = await signImage({ reference: `${registry.host}/x/y@sha256:${'a'.repeat(64)}`, signer: alice, client, identityWithTag: true }).catch((e: unknown) => e);
    expect((noTag as SigningError).code).toBe('SIGN_IDENTITY');
  });

  it('keeps every signature when several signers race on one image', async () => {
    const image = await pushRandomImage(client, repoOf('race/app'));
    const ref = `${registry.host}/race/app@${image.digest}`;
    const signers = await Promise.all(Array.from({ length: 10 }, () => newSigner()));
    const clients = signers.map(() => createRegistryClient({ pushIntent: true }));
    try {
      await Promise.all(signers.map((signer, i) => signImage({ reference: ref, signer, client: clients[i]! })));
    } finally {
      clients.forEach((c) => c.close());
    }
    expect(await layersOf('race/app', image.digest)).toHaveLength(10);
    for (const signer of signers) {
      await verifyImage({ reference: ref, verifier: loadPublicKey(signer.publicKeyPem()), client });
    }
  });

  it.skipIf(!existsSync(VECTOR))('signs with the policy-controller vector key (empty password); openssl verifies the layer', async () => {
    const signer = await decryptPrivateKey(readFileSync(join(VECTOR, 'key.enc.pem'), 'utf8'), new Uint8Array());
    const image = await pushRandomImage(client, repoOf('vector/app'));
    const result = await signImage({ reference: `${registry.host}/vector/app@${image.digest}`, signer, client });
    const [layer] = await layersOf('vector/app', image.digest);
    const blob = await client.getBlob(repoOf('vector/app'), layer!.digest);
    const dir = tempDir('signet-openssl-');
    writeFileSync(join(dir, 'payload'), blob);
    writeFileSync(join(dir, 'sig.der'), Buffer.from(layer!.annotations![SIGNATURE_ANNOTATION]!, 'base64'));
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(VECTOR, 'key.pub'), '-signature', join(dir, 'sig.der'), join(dir, 'payload')], { encoding: 'utf8' });
    expect(out.trim()).toBe('Verified OK');
    expect(Buffer.from(blob).equals(Buffer.from(result.payload))).toBe(true);
  });
});
