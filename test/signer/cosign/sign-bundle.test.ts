import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseDsseBundle, parseReferrerManifest, parseReferrersIndex, parseSignStatement, referrersTag } from '../../../src/signer/cosign/bundle-format.js';
import { signImage } from '../../../src/signer/cosign/sign.js';
import { signImageBundle } from '../../../src/signer/cosign/sign-bundle.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { decryptPrivateKey, generateKeyPair, loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient, type RequestEvent } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('signImageBundle against a real registry without the referrers API', () => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
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

  it('stores a DSSE bundle referrer and lists it in the sha256-<hex> index, in 10 requests', async () => {
    const image = await pushRandomImage(client, repoOf('bundle/app'));
    const events: RequestEvent[] = [];
    const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
    try {
      const result = await signImageBundle({ reference: `${registry.host}/bundle/app@${image.digest}`, signer: alice, client: counting, now: () => new Date('2026-01-02T03:04:05.678Z') });
      expect(result.referrersSource).toBe('tag');
      expect(events.length).toBe(10);
    } finally {
      counting.close();
    }
    const index = await client.getManifest(repoOf('bundle/app'), referrersTag(image.digest));
    expect(index!.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    const [entry, ...rest] = parseReferrersIndex(index!.bytes);
    expect(rest).toEqual([]);
    // Spec-correct entry: the manifest's artifactType and its annotations (ggcr < 0.21.6 wrote the config type).
    expect(entry!.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(entry!.annotations).toEqual({
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
      'org.opencontainers.image.created': '2026-01-02T03:04:05Z',
    });
    const referrer = await client.getManifest(repoOf('bundle/app'), entry!.digest);
    const parsed = parseReferrerManifest(referrer!.bytes);
    expect(parsed.subjectDigest).toBe(image.digest);
    const bundle = parseDsseBundle(await client.getBlob(repoOf('bundle/app'), parsed.layers[0]!.digest));
    expect(parseSignStatement(bundle.payload).manifestDigest).toBe(image.digest);
  });

  it('verifies in auto and bundle mode, rejects a wrong key, and legacy mode ignores bundles', async () => {
    const image = await pushRandomImage(client, repoOf('verify/app'));
    const ref = `${registry.host}/verify/app@${image.digest}`;
    await signImageBundle({ reference: ref, signer: alice, client, annotations: { team: 'a' } });
    const key = loadPublicKey(alice.publicKeyPem());
    const auto = await verifyImage({ reference: ref, verifier: key, client });
    expect(auto.format).toBe('bundle');
    expect(auto.bundles[0]!.statement.annotations).toEqual({ team: 'a' });
    expect((await verifyImage({ reference: ref, verifier: key, client, format: 'bundle', annotations: { team: 'a' } })).bundles).toHaveLength(1);
    await expect(verifyImage({ reference: ref, verifier: key, client, annotations: { team: 'b' } })).rejects.toMatchObject({ code: 'VERIFY_FAILED' });
    await expect(verifyImage({ reference: ref, verifier: loadPublicKey(bob.publicKeyPem()), client })).rejects.toMatchObject({ code: 'VERIFY_FAILED' });
    await expect(verifyImage({ reference: ref, verifier: key, client, format: 'legacy' })).rejects.toMatchObject({ code: 'VERIFY_NO_SIGNATURES' });
    // A .sig signature next to the bundle: legacy mode reads it, auto mode prefers bundles (as cosign v3).
    await signImage({ reference: ref, signer: bob, client, confirmDelayMs: 0 });
    expect((await verifyImage({ reference: ref, verifier: loadPublicKey(bob.publicKeyPem()), client, format: 'legacy' })).format).toBe('legacy');
    await expect(verifyImage({ reference: ref, verifier: loadPublicKey(bob.publicKeyPem()), client })).rejects.toMatchObject({ code: 'VERIFY_FAILED' });
  });

  it('rejects a bundle listed for another image (transplanted referrer)', async () => {
    const a = await pushRandomImage(client, repoOf('transplant/app'), 'a');
    const b = await pushRandomImage(client, repoOf('transplant/app'), 'b');
    await signImageBundle({ reference: `${registry.host}/transplant/app@${a.digest}`, signer: alice, client });
    const index = await client.getManifest(repoOf('transplant/app'), referrersTag(a.digest));
    await client.putManifest(repoOf('transplant/app'), referrersTag(b.digest), index!.bytes, 'application/vnd.oci.image.index.v1+json');
    await expect(verifyImage({ reference: `${registry.host}/transplant/app@${b.digest}`, verifier: loadPublicKey(alice.publicKeyPem()), client, format: 'bundle' })).rejects.toMatchObject({
      code: 'VERIFY_NO_SIGNATURES',
    });
  });

  it('keeps every referrer when 20 signers race on one image', async () => {
    const image = await pushRandomImage(client, repoOf('race/app'));
    const ref = `${registry.host}/race/app@${image.digest}`;
    const signers = await Promise.all(Array.from({ length: 20 }, () => newSigner()));
    const clients = signers.map(() => createRegistryClient({ pushIntent: true }));
    try {
      await Promise.all(signers.map((signer, i) => signImageBundle({ reference: ref, signer, client: clients[i]! })));
    } finally {
      clients.forEach((c) => c.close());
    }
    const index = await client.getManifest(repoOf('race/app'), referrersTag(image.digest));
    expect(parseReferrersIndex(index!.bytes)).toHaveLength(20);
    for (const signer of signers) {
      expect((await verifyImage({ reference: ref, verifier: loadPublicKey(signer.publicKeyPem()), client })).bundles).toHaveLength(1);
    }
  });
});

describe('signing on a token-auth registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
  beforeAll(async () => {
    registry = await startRegistry({ tokenAuth: true });
    client = createRegistryClient({ pushIntent: true });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  it('fetches one token although the first requests run in parallel while the key decrypts', async () => {
    const pair = await generateKeyPair(new Uint8Array(), 'cosign');
    for (const bundle of [true, false]) {
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'token/app' }, `t${String(bundle)}`);
      const events: RequestEvent[] = [];
      const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
      // As the CLI does: the key is still decrypting when the requests start.
      const signer = decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
      try {
        const reference = `${registry.host}/token/app@${image.digest}`;
        await (bundle ? signImageBundle({ reference, signer, client: counting }) : signImage({ reference, signer, client: counting }));
      } finally {
        counting.close();
      }
      expect(events.filter((e) => e.kind === 'token')).toHaveLength(1);
    }
  });
});
