/**
 * `recursive` signing: a real two-platform index (OCI index and Docker manifest list, nested too) in
 * the real distribution registry, both formats, verified per platform digest and for the index; and a
 * hostile registry (an in-memory one serving crafted indexes) refused before any write.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signatureTag } from '../../../src/signer/cosign/format.js';
import { signImage } from '../../../src/signer/cosign/sign.js';
import { signImageBundle } from '../../../src/signer/cosign/sign-bundle.js';
import { signImages } from '../../../src/signer/cosign/sign-images.js';
import { MAX_INDEX_DEPTH, MAX_RECURSIVE_MANIFESTS, planRecursiveSigning } from '../../../src/signer/cosign/sign-recursive.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { decryptPrivateKey, generateKeyPair, loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, parseReference, type ReferrersClient, type RegistryClient, type RepositoryRef } from '../../../src/signer/oci/index.js';
import { pushIndex, pushPlatformImage, pushTwoPlatformIndex } from '../../helpers/multiarch.js';
import { startReferrersRegistry, type ReferrersRegistry } from '../../helpers/referrers-registry.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { runSignet } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('recursive signing against the real distribution registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
  let signer: Signer;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    signer = await newSigner();
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });
  const repoOf = (name: string): RepositoryRef => ({ registry: registry.host, repository: name });
  const verify = (name: string, digest: string, format: 'legacy' | 'bundle') =>
    verifyImage({ reference: `${registry.host}/${name}@${digest}`, verifier: loadPublicKey(signer.publicKeyPem()), client, format });

  it.each(['legacy', 'bundle'] as const)('%s: signs the index and both platform manifests; each verifies by its own digest, the result is the index', async (format) => {
    const name = `multi-${format}/app`;
    const { index, platforms } = await pushTwoPlatformIndex(client, repoOf(name));
    const reference = `${registry.host}/${name}:latest@${index.digest}`;
    const result = format === 'legacy' ? await signImage({ reference, signer, client, recursive: true, confirmDelayMs: 0 }) : await signImageBundle({ reference, signer, client, recursive: true, confirmDelayMs: 0 });
    expect(result.digest).toBe(index.digest);
    expect(result.signedReference).toBe(`${registry.host}/${name}@${index.digest}`);
    expect(result.children?.map((c) => c.digest)).toEqual(platforms.map((p) => p.digest));
    for (const digest of [index.digest, ...platforms.map((p) => p.digest)]) {
      const verified = await verify(name, digest, format);
      expect(verified.digest).toBe(digest);
      expect(verified.format).toBe(format);
    }
  });

  it('.sig format: a two-platform index costs three times the requests of one image (the planning GET and HEADs are the existence checks)', async () => {
    const count = async (reference: string, recursive: boolean) => {
      let requests = 0;
      const counting = createRegistryClient({ pushIntent: true, onRequest: () => void (requests += 1) });
      try {
        await signImage({ reference, signer, client: counting, recursive, confirmDelayMs: 0 });
      } finally {
        counting.close();
      }
      return requests;
    };
    const single = await pushRandomImage(client, repoOf('multi-count/app'));
    const { index } = await pushTwoPlatformIndex(client, repoOf('multi-count/app'));
    const one = await count(`${registry.host}/multi-count/app@${single.digest}`, false);
    expect(await count(`${registry.host}/multi-count/app@${index.digest}`, true)).toBe(3 * one);
  });

  it('without recursive only the index is signed (unchanged behaviour): a platform digest has no signature', async () => {
    const name = 'multi-plain/app';
    const { index, platforms } = await pushTwoPlatformIndex(client, repoOf(name));
    const result = await signImage({ reference: `${registry.host}/${name}@${index.digest}`, signer, client, confirmDelayMs: 0 });
    expect(result.children).toBeUndefined();
    await expect(verify(name, index.digest, 'legacy')).resolves.toMatchObject({ digest: index.digest });
    await expect(verify(name, platforms[0]!.digest, 'legacy')).rejects.toMatchObject({ code: 'VERIFY_NO_SIGNATURES' });
    expect(await client.getManifest(repoOf(name), signatureTag(platforms[1]!.digest))).toBeUndefined();
  });

  it('a Docker manifest list, by tag (resolved once, one warning), with identity-with-tag for every manifest', async () => {
    const name = 'multi-docker/app';
    const platforms = [await pushPlatformImage(client, repoOf(name), 'linux', 'amd64'), await pushPlatformImage(client, repoOf(name), 'linux', 'ppc64le')];
    const list = await pushIndex(client, repoOf(name), 'v1', platforms, true);
    const warnings: string[] = [];
    const result = await signImage({ reference: `${registry.host}/${name}:v1`, signer, client, recursive: true, identityWithTag: true, confirmDelayMs: 0, onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(result.digest).toBe(list.digest);
    expect([result.dockerReference, ...result.children!.map((c) => c.dockerReference)]).toEqual(Array(3).fill(`${registry.host}/${name}:v1`));
    for (const p of platforms) expect((await verify(name, p.digest, 'legacy')).signatures[0]!.payload.manifestDigest).toBe(p.digest);
  });

  it('nested indexes: the nested index and what it lists are signed too, a manifest listed twice once, the top last', async () => {
    const name = 'multi-nested/app';
    const amd = await pushPlatformImage(client, repoOf(name), 'linux', 'amd64');
    const arm = await pushPlatformImage(client, repoOf(name), 'linux', 'arm64');
    const nested = await pushIndex(client, repoOf(name), 'nested', [arm, amd]);
    const top = await pushIndex(client, repoOf(name), 'top', [amd, nested]);
    const result = await signImage({ reference: `${registry.host}/${name}@${top.digest}`, signer, client, recursive: true, confirmDelayMs: 0 });
    expect(result.children?.map((c) => c.digest)).toEqual([amd.digest, nested.digest, arm.digest]);
    for (const digest of [top.digest, nested.digest, amd.digest, arm.digest]) await expect(verify(name, digest, 'legacy')).resolves.toMatchObject({ digest });
    expect(result.children![0]!.writes).toBe(1); // amd64 is listed twice but signed once
  });

  it('recursive on a single image manifest signs just it', async () => {
    const image = await pushRandomImage(client, repoOf('multi-single/app'));
    const result = await signImageBundle({ reference: `${registry.host}/multi-single/app@${image.digest}`, signer, client, recursive: true, confirmDelayMs: 0 });
    expect(result.children).toEqual([]);
    await expect(verify('multi-single/app', image.digest, 'bundle')).resolves.toMatchObject({ format: 'bundle' });
  });

  it('an index listing a manifest the registry does not hold fails before any signature is written', async () => {
    const name = 'multi-missing/app';
    // distribution checks that an index's entries exist only when they are pushed, so delete one afterwards
    const { index, platforms } = await pushTwoPlatformIndex(client, repoOf(name));
    const res = await fetch(`${registry.url}/v2/${name}/manifests/${platforms[1]!.digest}`, { method: 'DELETE' });
    expect(res.status).toBe(202); // the test registry enables deletes
    await expect(signImage({ reference: `${registry.host}/${name}@${index.digest}`, signer, client, recursive: true, confirmDelayMs: 0 })).rejects.toMatchObject({ code: 'SIGN_IMAGE_NOT_FOUND' });
    expect(await client.getManifest(repoOf(name), signatureTag(index.digest))).toBeUndefined();
    // the CLI: exit 7 (image not found), one line naming the missing manifest, no stack
    const dir = tempDir('signet-recursive-cli-');
    const pair = await generateKeyPair(new Uint8Array(), 'cosign');
    writeFileSync(join(dir, 'k.key'), pair.privateKeyPem);
    const run = await runSignet(dir, ['sign', '--key', 'k.key', '-r', `${registry.host}/${name}@${index.digest}`], { COSIGN_PASSWORD: '' });
    expect(run.code).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(platforms[1]!.digest);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('signImages with recursive signs each index of the batch with its platform manifests', async () => {
    const [a, b] = [await pushTwoPlatformIndex(client, repoOf('multi-batch/a')), await pushTwoPlatformIndex(client, repoOf('multi-batch/b'))];
    const outcomes = await signImages({ references: [`${registry.host}/multi-batch/a@${a.index.digest}`, `${registry.host}/multi-batch/b@${b.index.digest}`], signer, client, recursive: true });
    expect(outcomes.map((o) => o.ok && o.result.children?.length)).toEqual([2, 2]);
    for (const p of b.platforms) await expect(verify('multi-batch/b', p.digest, 'legacy')).resolves.toMatchObject({ digest: p.digest });
  });
});

describe('recursive bundle signing on a registry with the referrers API', () => {
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

  it('each platform manifest gets its own referrer, found through the API', async () => {
    const signer = await newSigner();
    const repo = { registry: registry.host, repository: 'multi/app' };
    const { index, platforms } = await pushTwoPlatformIndex(client, repo);
    const result = await signImageBundle({ reference: `${registry.host}/multi/app@${index.digest}`, signer, client, recursive: true });
    expect([result.referrersSource, ...result.children!.map((c) => c.referrersSource)]).toEqual(['api', 'api', 'api']);
    for (const p of platforms) {
      const verified = await verifyImage({ reference: `${registry.host}/multi/app@${p.digest}`, verifier: loadPublicKey(signer.publicKeyPem()), client });
      expect(verified.format).toBe('bundle');
    }
  });
});

/**
 * A registry in memory that serves crafted manifests by digest and records every target asked for and
 * every write. With `imagesExist`, a `HEAD` of any other digest answers as an image manifest.
 */
function hostileRegistry(imagesExist = true) {
  const manifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  const asked: string[] = [];
  const writes: string[] = [];
  const add = (doc: unknown, mediaType = OCI_INDEX): string => {
    const bytes = new TextEncoder().encode(typeof doc === 'string' ? doc : JSON.stringify(doc));
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    manifests.set(digest, { bytes, mediaType });
    return digest;
  };
  const client = {
    headManifest: async (_repo: RepositoryRef, target: string) => {
      asked.push(target);
      const m = manifests.get(target);
      if (m === undefined) return imagesExist ? { digest: target, mediaType: OCI_MANIFEST, size: 10 } : undefined;
      return { digest: target, mediaType: m.mediaType, size: m.bytes.byteLength };
    },
    getManifest: async (_repo: RepositoryRef, target: string) => {
      asked.push(target);
      const m = manifests.get(target);
      return m && { digest: target, mediaType: m.mediaType, size: m.bytes.byteLength, bytes: m.bytes };
    },
    headBlob: async () => false,
    getBlob: async () => new Uint8Array(),
    putBlob: async (_repo: RepositoryRef, bytes: Uint8Array) => {
      writes.push('blob');
      return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.byteLength, uploaded: true };
    },
    putManifest: async (_repo: RepositoryRef, target: string) => {
      writes.push(`manifest ${target}`);
      return target;
    },
    close: () => undefined,
  } as unknown as RegistryClient;
  return { add, asked, writes, client };
}

const image = (n: number) => ({ mediaType: OCI_MANIFEST, size: 10, digest: `sha256:${n.toString(16).padStart(64, '0')}` });
const index = (manifests: unknown[]) => ({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
const REPO = 'registry.example/team/app';

describe('recursive signing against a hostile registry', () => {
  const refused = async (doc: unknown, expected: { code: string; message?: RegExp }, imagesExist = true) => {
    const hostile = hostileRegistry(imagesExist);
    const top = hostile.add(doc);
    const signer = await newSigner();
    await expect(signImage({ reference: `${REPO}@${top}`, signer, client: hostile.client, recursive: true, confirmDelayMs: 0 })).rejects.toMatchObject(expected);
    expect(hostile.writes).toEqual([]);
    return hostile;
  };

  it(`refuses an index listing more than ${MAX_RECURSIVE_MANIFESTS} manifests, before any write`, async () => {
    await refused(index(Array.from({ length: MAX_RECURSIVE_MANIFESTS + 1 }, (_, i) => image(i + 1))), { code: 'FORMAT_TOO_MANY_MANIFESTS' });
  });

  it(`accepts exactly ${MAX_RECURSIVE_MANIFESTS}, and counts the entries of nested indexes against the same budget`, async () => {
    const hostile = hostileRegistry();
    const ok = hostile.add(index(Array.from({ length: MAX_RECURSIVE_MANIFESTS }, (_, i) => image(i + 1))));
    expect((await planRecursiveSigning(hostile.client, { ...parseReference(REPO), digest: ok })).children).toHaveLength(MAX_RECURSIVE_MANIFESTS);
    const half = (from: number) => hostile.add(index(Array.from({ length: MAX_RECURSIVE_MANIFESTS / 2 }, (_, i) => image(from + i))));
    const nestedA = half(1);
    const nestedB = half(1000);
    const top = hostile.add(index([{ mediaType: OCI_INDEX, size: 1, digest: nestedA }, { mediaType: OCI_INDEX, size: 1, digest: nestedB }]));
    await expect(planRecursiveSigning(hostile.client, { ...parseReference(REPO), digest: top })).rejects.toMatchObject({ code: 'FORMAT_TOO_MANY_MANIFESTS' });
  });

  it('refuses a malformed child digest (path traversal, uppercase, missing) without putting it in any request', async () => {
    for (const digest of ['sha256:../../../v2/other/manifests/latest', `sha256:${'A'.repeat(64)}`, undefined, 'md5:abc']) {
      const hostile = await refused(index([image(1), { mediaType: OCI_MANIFEST, size: 10, digest }]), { code: 'FORMAT_INVALID_DIGEST' });
      expect(hostile.asked.filter((t) => t !== undefined && !/^sha256:[0-9a-f]{64}$/.test(t))).toEqual([]);
    }
  });

  it('refuses sha512 children (their .sig tag would not fit), an unknown entry media type, a bad size and duplicate keys', async () => {
    await refused(index([{ mediaType: OCI_MANIFEST, size: 1, digest: `sha512:${'a'.repeat(128)}` }]), { code: 'FORMAT_INVALID_DIGEST', message: /sha256 manifests only/ });
    await refused(index([{ ...image(1), mediaType: 'application/vnd.example.thing' }]), { code: 'FORMAT_INVALID_MANIFEST', message: /neither an image manifest nor an index/ });
    await refused(index([{ ...image(1), size: -1 }]), { code: 'FORMAT_INVALID_MANIFEST' });
    await refused(`{"schemaVersion":2,"mediaType":"${OCI_INDEX}","manifests":[],"manifests":[${JSON.stringify(image(1))}]}`, { code: 'FORMAT_INVALID_MANIFEST', message: /occurs twice/ });
    await refused({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: 'all' }, { code: 'FORMAT_INVALID_MANIFEST' });
  });

  it(`follows nested indexes ${MAX_INDEX_DEPTH} levels deep and refuses a fourth; an entry that says index but is not one is refused`, async () => {
    const hostile = hostileRegistry();
    let digest = hostile.add(index([image(1)]));
    const chain: string[] = [digest];
    for (let level = 2; level <= MAX_INDEX_DEPTH; level++) chain.unshift((digest = hostile.add(index([{ mediaType: OCI_INDEX, size: 1, digest }]))));
    const plan = await planRecursiveSigning(hostile.client, { ...parseReference(REPO), digest: chain[0]! });
    expect(plan.children.map((c) => c.kind)).toEqual([...Array(MAX_INDEX_DEPTH - 1).fill('index'), 'image']);
    const deeper = hostile.add(index([{ mediaType: OCI_INDEX, size: 1, digest: chain[0]! }]));
    await expect(planRecursiveSigning(hostile.client, { ...parseReference(REPO), digest: deeper })).rejects.toMatchObject({ code: 'FORMAT_TOO_MANY_MANIFESTS', message: /nested 4 levels deep/ });
    const liar = hostile.add({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: image(2), layers: [] }, OCI_MANIFEST);
    const top = hostile.add(index([{ mediaType: OCI_INDEX, size: 1, digest: liar }]));
    await expect(planRecursiveSigning(hostile.client, { ...parseReference(REPO), digest: top })).rejects.toMatchObject({ code: 'FORMAT_INVALID_MANIFEST', message: /says .* but the registry serves/ });
  });

  it('refuses an index listing a manifest the registry does not hold, before any write, naming both', async () => {
    await refused(index([image(1)]), { code: 'SIGN_IMAGE_NOT_FOUND', message: /manifest .*@sha256:0{63}1 listed by index .* is not in the registry/ }, false);
  });

  it('every child is signed in the repository of the top reference, whatever the index says', async () => {
    const hostile = hostileRegistry();
    const top = hostile.add(index([{ ...image(1), urls: ['https://elsewhere.example/x'], annotations: { 'org.opencontainers.image.ref.name': '../../other' } }]));
    const plan = await planRecursiveSigning(hostile.client, { ...parseReference(REPO), digest: top });
    expect(plan.children.map((c) => `${c.reference.registry}/${c.reference.repository}@${c.reference.digest}`)).toEqual([`${REPO}@${image(1).digest}`]);
  });
});
