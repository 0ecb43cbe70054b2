/**
 * Finding 2, signer side: a digest a registry document names is checked before it becomes part of a
 * request, and a downloaded blob is checked against its digest whatever the algorithm (sha256, sha384
 * or sha512), so a hostile registry cannot slip unverified content in under a non-sha256 digest.
 */
import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signatureTag } from '../../../src/signer/cosign/format.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, RegistryError, type RegistryClient } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { expectCleanFailure } from '../../bad-input/_cli.js';
import { fakeImageDigest, KEY_ENV, keyFolder, signedLayer, sigManifest } from './_signatures.js';
import { startScriptedRegistry, type ScriptedRegistry } from './_scripted-registry.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

describe('hostile registry: digests in registry documents', () => {
  let registry: ScriptedRegistry;
  let client: RegistryClient;
  let signer: Signer;
  let dir: string;
  /** path → answer, set per test */
  const routes = new Map<string, { body: string | Uint8Array; type: string }>();

  beforeAll(async () => {
    ({ dir, signer } = await keyFolder());
    registry = await startScriptedRegistry((_method, path) => {
      const route = routes.get(path);
      return route === undefined ? undefined : { status: 200, headers: { 'content-type': route.type }, body: route.body };
    });
    client = createRegistryClient();
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  it.each(['sha384', 'sha512'] as const)('checks a %s payload blob against its digest', async (algorithm) => {
    const image = fakeImageDigest(`image-${algorithm}`);
    const { layer, payload } = signedLayer(signer, `${registry.host}/app`, image);
    // a genuine, validly signed payload, but served under a digest it does not have
    const claimed = `${algorithm}:${createHash(algorithm).update('something else').digest('hex')}`;
    routes.clear();
    routes.set(`/v2/app/manifests/${signatureTag(image)}`, { body: sigManifest([{ ...layer, digest: claimed }]), type: OCI_MANIFEST });
    routes.set(`/v2/app/blobs/${claimed}`, { body: payload, type: 'application/octet-stream' });

    const result = await verifyImage({ reference: `${registry.host}/app@${image}`, verifier: loadPublicKey(signer.publicKeyPem()), client }).then(
      () => 'verified',
      (e: unknown) => (e as Error).message,
    );
    expect(result).toMatch(/no valid signature .*payload blob does not match its digest/);
  });

  it('accepts a payload blob whose sha512 digest is right', async () => {
    const image = fakeImageDigest('image-sha512-ok');
    const { layer, payload } = signedLayer(signer, `${registry.host}/app`, image);
    const digest = `sha512:${createHash('sha512').update(payload).digest('hex')}`;
    routes.clear();
    routes.set(`/v2/app/manifests/${signatureTag(image)}`, { body: sigManifest([{ ...layer, digest }]), type: OCI_MANIFEST });
    routes.set(`/v2/app/blobs/${digest}`, { body: payload, type: 'application/octet-stream' });
    const result = await verifyImage({ reference: `${registry.host}/app@${image}`, verifier: loadPublicKey(signer.publicKeyPem()), client });
    expect(result.signatures.map((s) => s.layerDigest)).toEqual([digest]);
  });

  it.each(['sha256:../../../v2/other/blobs/x', 'sha256:aaaa/../../PWNED', '../x', `SHA256:${'a'.repeat(64)}`, 'constructor:x'])('refuses to request blob %j', async (digest) => {
    const before = registry.requests.length;
    const calls = [() => client.getBlob({ registry: registry.host, repository: 'app' }, digest), () => client.headBlob({ registry: registry.host, repository: 'app' }, digest)];
    for (const call of calls) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).message).toMatch(/is not a digest/);
    }
    expect(registry.requests.length).toBe(before);
  });

  it.each(['../../x', 'a/b', 'sha256:../x', '', 'tag?x=1'])('refuses to request manifest %j', async (tagOrDigest) => {
    const before = registry.requests.length;
    const calls = [() => client.getManifest({ registry: registry.host, repository: 'app' }, tagOrDigest), () => client.headManifest({ registry: registry.host, repository: 'app' }, tagOrDigest)];
    for (const call of calls) {
      const error = await call().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
    }
    expect(registry.requests.length).toBe(before);
  });

  it.each(['constructor:abc', 'toString:abc', '__proto__:abc'])('verify: a layer digest %j is malformed signature data, not a crash', async (digest) => {
    const image = fakeImageDigest(`image-${digest}`);
    const { layer } = signedLayer(signer, `${registry.host}/app`, image);
    routes.clear();
    // built by hand: the manifest builder itself refuses such a digest
    const manifest = JSON.parse(sigManifest([layer])) as { layers: { digest: string }[] };
    manifest.layers[0]!.digest = digest;
    routes.set(`/v2/app/manifests/${signatureTag(image)}`, { body: JSON.stringify(manifest), type: OCI_MANIFEST });
    const run = await runSignet(dir, ['verify', '--key', 'cosign.pub', `${registry.host}/app@${image}`], KEY_ENV);
    expectCleanFailure(run, 5);
    expect(run.stderr).toMatch(/is not a digest/);
  });
});
