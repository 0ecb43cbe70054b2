import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseSignatureManifest } from '../../../src/signer/cosign/format.js';
import { signImages } from '../../../src/signer/cosign/sign-images.js';
import { SigningError } from '../../../src/signer/cosign/sign.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { decryptPrivateKey, generateKeyPair, loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient, type RequestEvent } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';

describe('signImages (batch) against a real registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let signer: Signer;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    const pair = await generateKeyPair(new Uint8Array());
    signer = await decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  it('signs every image once with bounded concurrency, reports failures per image, in input order', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      const repository = `batch/app${i % 3}`;
      const image = await pushRandomImage(client, { registry: registry.host, repository }, `v${i}`);
      refs.push(`${registry.host}/${repository}@${image.digest}`);
    }
    const tagged = `${registry.host}/batch/app0:v3`; // the same image as refs[3], by tag
    const missing = `${registry.host}/batch/app1:nope`;
    const events: RequestEvent[] = [];
    const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
    const warnings: string[] = [];
    let outcomes;
    try {
      outcomes = await signImages({ references: [...refs, refs[0]!, tagged, missing], signer, client: counting, concurrency: 4, onWarning: (w) => warnings.push(w), clock: () => 0 });
    } finally {
      counting.close();
    }
    expect(outcomes.map((o) => o.reference)).toEqual([...refs, refs[0], tagged, missing]);
    expect(outcomes.slice(0, 11).every((o) => o.ok)).toBe(true);
    const last = outcomes[11]!;
    expect(last.ok).toBe(false);
    expect(!last.ok && (last.error as SigningError).code).toBe('SIGN_IMAGE_NOT_FOUND');
    expect(warnings).toHaveLength(1); // the tag that resolved; the missing one is an error
    // 9 distinct images × 8 requests (a tag's resolving HEAD is its existence check); the repeats write
    // no manifest: existence HEAD, the two blobs of a first signature (sent before the read), the read.
    // (A frozen clock: whether a read is stale must not depend on this machine's load here.)
    expect(events.filter((e) => !e.url.includes('/manifests/nope')).length).toBeLessThanOrEqual(9 * 8 + 2 * 6);
    for (const ref of refs) {
      const digest = ref.split('@')[1]!;
      const repository = ref.slice(registry.host.length + 1).split('@')[0]!;
      const sig = await client.getManifest({ registry: registry.host, repository }, `${digest.replace(':', '-')}.sig`);
      expect(parseSignatureManifest(sig!.bytes).layers).toHaveLength(1);
      await verifyImage({ reference: ref, verifier: loadPublicKey(signer.publicKeyPem()), client });
    }
  });

  it('an empty batch does nothing', async () => {
    expect(await signImages({ references: [], signer })).toEqual([]);
  });
});
