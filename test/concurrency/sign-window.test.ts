/**
 * The sign use case's defences against concurrent writers, driven deterministically with an
 * in-memory registry and a fake clock: a slow read→write window is re-validated with a HEAD (and a
 * changed tag read again), a transient MANIFEST_BLOB_UNKNOWN is retried, a fast window costs no
 * extra request, a key still decrypting overlaps every key-free request but nothing is written
 * before it, and the confirm wait is measured from our own window (a stale writer landing within
 * it is repaired; other writers' activity makes it wait again).
 */
import { createHash } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { parseSignatureManifest, SIGNATURE_ANNOTATION, signatureManifest } from '../../src/signer/cosign/format.js';
import { signImage, type SignImageResult } from '../../src/signer/cosign/sign.js';
import type { Signer } from '../../src/signer/keys/index.js';
import { RegistryError, type Manifest, type RegistryClient } from '../../src/signer/oci/index.js';
import { newSigner } from '../faults/_signature-state.js';

const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const IMAGE = `sha256:${'1'.repeat(64)}`;
const REFERENCE = `registry.test/app@${IMAGE}`;

/** A registry in memory that logs calls and lets a test act between them. */
class MemoryRegistry implements RegistryClient {
  public readonly calls: string[] = [];
  public readonly blobs = new Map<string, Uint8Array>();
  public readonly tags = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  /** Runs before each call is served (the call name is `METHOD kind`). */
  public before: (call: string) => void | Promise<void> = () => undefined;

  public constructor() {
    // the image being signed exists (sign checks it with a HEAD first)
    this.tags.set(IMAGE, { bytes: new Uint8Array(), mediaType: 'application/vnd.oci.image.manifest.v1+json' });
  }

  public async headManifest(_repo: unknown, tag: string): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    await this.enter('HEAD manifest');
    const m = this.tags.get(tag);
    return m === undefined ? undefined : { digest: sha256(m.bytes), mediaType: m.mediaType, size: m.bytes.byteLength };
  }
  public async getManifest(_repo: unknown, tag: string): Promise<Manifest | undefined> {
    await this.enter('GET manifest');
    const m = this.tags.get(tag);
    return m === undefined ? undefined : { bytes: m.bytes, digest: sha256(m.bytes), mediaType: m.mediaType, size: m.bytes.byteLength };
  }
  public async headBlob(_repo: unknown, digest: string): Promise<boolean> {
    await this.enter('HEAD blob');
    return this.blobs.has(digest);
  }
  public async getBlob(_repo: unknown, digest: string): Promise<Uint8Array> {
    await this.enter('GET blob');
    return this.blobs.get(digest)!;
  }
  public async putBlob(_repo: unknown, bytes: Uint8Array): Promise<{ digest: string; size: number; uploaded: boolean }> {
    await this.enter('PUT blob');
    this.blobs.set(sha256(bytes), bytes);
    return { digest: sha256(bytes), size: bytes.byteLength, uploaded: true };
  }
  public async putManifest(_repo: unknown, tag: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    await this.enter('PUT manifest');
    this.tags.set(tag, { bytes, mediaType });
    return sha256(bytes);
  }
  public close(): void {}
  private async enter(call: string): Promise<void> {
    this.calls.push(call);
    await this.before(call);
  }
}

const sigTag = `${IMAGE.replace(':', '-')}.sig`;
const storedSignatures = (r: MemoryRegistry): string[] =>
  parseSignatureManifest(r.tags.get(sigTag)!.bytes).layers.map((l) => l.annotations![SIGNATURE_ANNOTATION]!);

describe('signImage read→write window and registry hiccups', () => {
  let alice: Signer;
  let bob: Signer;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([newSigner(), newSigner()]);
  });

  /** Bob's signature written by a plain signing run on its own memory registry, to replay later. */
  async function bobsManifest(): Promise<{ bytes: Uint8Array; mediaType: string; config: Uint8Array; result: SignImageResult }> {
    const other = new MemoryRegistry();
    const result = await signImage({ reference: REFERENCE, signer: bob, client: other, confirmDelayMs: 0 });
    const layers = parseSignatureManifest(other.tags.get(sigTag)!.bytes).layers;
    const built = signatureManifest(layers);
    return { bytes: built.manifest, mediaType: built.mediaType, config: built.config, result };
  }

  it('a fast window costs no extra request', async () => {
    const registry = new MemoryRegistry();
    let clock = 0;
    registry.before = () => void (clock += 1);
    await signImage({ reference: REFERENCE, signer: alice, client: registry, clock: () => clock, sleep: async () => undefined });
    // both blobs of a first signature, then the read, then the PUT right after it
    expect(registry.calls).toEqual(['HEAD manifest', 'PUT blob', 'PUT blob', 'GET manifest', 'PUT manifest', 'GET manifest']);
  });

  it('a slow window is re-validated with a HEAD; a tag changed meanwhile is read again and merged', async () => {
    const registry = new MemoryRegistry();
    const bobs = await bobsManifest();
    let clock = 0;
    registry.before = () => void (clock += 1);
    let release!: (signer: Signer) => void;
    const key = new Promise<Signer>((resolve) => (release = resolve));
    const signing = signImage({ reference: REFERENCE, signer: key, client: registry, clock: () => clock, sleep: async () => undefined });
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    // While alice's key decrypts (slowly), bob writes his signature from his own read.
    clock += 1000;
    for (const [d, b] of [[sha256(bobs.config), bobs.config], [sha256(bobs.result.payload), bobs.result.payload]] as const) registry.blobs.set(d, b);
    registry.tags.set(sigTag, { bytes: bobs.bytes, mediaType: bobs.mediaType });
    release(alice);
    const result = await signing;
    expect(registry.calls).toEqual(['HEAD manifest', 'PUT blob', 'PUT blob', 'GET manifest', 'HEAD manifest', 'GET manifest', 'PUT blob', 'PUT manifest', 'GET manifest']);
    expect(storedSignatures(registry).sort()).toEqual([bobs.result.signature, result.signature].sort());
    expect(result.writes).toBe(1);
  });

  it('a slow window with an unchanged tag writes after the HEAD', async () => {
    const registry = new MemoryRegistry();
    // bob signed earlier, so alice's read is followed by the upload of her merged config: slowly
    const bobs = await bobsManifest();
    for (const [d, b] of [[sha256(bobs.config), bobs.config], [sha256(bobs.result.payload), bobs.result.payload]] as const) registry.blobs.set(d, b);
    registry.tags.set(sigTag, { bytes: bobs.bytes, mediaType: bobs.mediaType });
    let clock = 0;
    registry.before = (call) => void (clock += call === 'PUT blob' ? 400 : 1);
    await signImage({ reference: REFERENCE, signer: alice, client: registry, clock: () => clock, sleep: async () => undefined });
    expect(registry.calls).toEqual(['HEAD manifest', 'PUT blob', 'PUT blob', 'GET manifest', 'PUT blob', 'HEAD manifest', 'PUT manifest', 'GET manifest']);
    expect(storedSignatures(registry)).toHaveLength(2);
  });

  it('retries a manifest PUT refused with MANIFEST_BLOB_UNKNOWN after uploading the payload again', async () => {
    const registry = new MemoryRegistry();
    let refused = 0;
    registry.before = (call) => {
      if (call === 'PUT manifest' && refused++ === 0) {
        throw new RegistryError('REGISTRY_UNEXPECTED_STATUS', 'registry answered 400 MANIFEST_BLOB_UNKNOWN (PUT x)', { status: 400, ociCodes: ['DIGEST_INVALID', 'MANIFEST_BLOB_UNKNOWN'] });
      }
    };
    const result = await signImage({ reference: REFERENCE, signer: alice, client: registry, confirmDelayMs: 0, sleep: async () => undefined });
    expect(registry.calls).toEqual(['HEAD manifest', 'PUT blob', 'PUT blob', 'GET manifest', 'PUT manifest', 'PUT blob', 'PUT blob', 'PUT manifest', 'GET manifest']);
    expect(storedSignatures(registry)).toEqual([result.signature]);
  });

  it('gives up on a MANIFEST_BLOB_UNKNOWN that never clears, with the registry error', async () => {
    const registry = new MemoryRegistry();
    registry.before = (call) => {
      if (call === 'PUT manifest') throw new RegistryError('REGISTRY_UNEXPECTED_STATUS', 'registry answered 400 MANIFEST_BLOB_UNKNOWN (PUT x)', { status: 400, ociCodes: ['MANIFEST_BLOB_UNKNOWN'] });
    };
    const error = await signImage({ reference: REFERENCE, signer: alice, client: registry, confirmDelayMs: 0, maxAttempts: 3, sleep: async () => undefined }).catch((e: unknown) => e);
    expect((error as RegistryError).code).toBe('REGISTRY_UNEXPECTED_STATUS');
    expect(registry.calls.filter((c) => c === 'PUT manifest')).toHaveLength(3);
    expect(registry.tags.has(sigTag)).toBe(false);
  });

  it('a key still decrypting: key-free requests run meanwhile, nothing is written before the key, the stale read is re-checked', async () => {
    const registry = new MemoryRegistry();
    let release!: (signer: Signer) => void;
    const key = new Promise<Signer>((resolve) => (release = resolve));
    let clock = 0;
    registry.before = () => void (clock += 1);
    const signing = signImage({ reference: REFERENCE, signer: key, client: registry, clock: () => clock, sleep: async () => undefined });
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    // The config of a first signature goes up before the read, so that the read is as fresh as possible.
    expect(registry.calls).toEqual(['HEAD manifest', 'PUT blob', 'PUT blob', 'GET manifest']);
    expect(registry.tags.has(sigTag)).toBe(false);
    // scrypt takes its time: the read is stale by the time the key is ready
    clock += 100;
    release(alice);
    const result = await signing;
    // The config uploaded before the key was the right one: no second upload.
    expect(registry.calls.slice(4)).toEqual(['HEAD manifest', 'PUT manifest', 'GET manifest']);
    expect(storedSignatures(registry)).toEqual([result.signature]);
  });

  it('a key that fails to decrypt writes no manifest, and its error is the one reported', async () => {
    const registry = new MemoryRegistry();
    const wrong = Object.assign(new Error('wrong password for the key'), { code: 'KEY_WRONG_PASSWORD' });
    const error = await signImage({ reference: REFERENCE, signer: Promise.reject(wrong), client: registry, sleep: async () => undefined }).catch((e: unknown) => e);
    expect(error).toBe(wrong);
    expect(registry.calls).not.toContain('PUT manifest');
    expect(registry.tags.has(sigTag)).toBe(false);
  });

  it('waits three times its own read→write window before the confirming read, at least 10 ms', async () => {
    const waits: number[] = [];
    for (const tick of [1, 20]) {
      const registry = new MemoryRegistry();
      let clock = 0;
      registry.before = () => void (clock += tick);
      await signImage({ reference: REFERENCE, signer: alice, client: registry, clock: () => clock, sleep: async (ms) => void waits.push(ms) });
    }
    // window = GET .sig sent → manifest PUT answered (the config went up before the read): 2 calls of `tick` each.
    expect(waits).toEqual([10, 120]);
  });

  it('a stale writer landing within the wait is seen by the confirming read and repaired', async () => {
    const registry = new MemoryRegistry();
    const bobs = await bobsManifest();
    let clock = 0;
    registry.before = () => void (clock += 1);
    let overwritten = false;
    const sleep = async (): Promise<void> => {
      if (overwritten) return;
      // Bob read before alice's PUT (no .sig yet) and writes his view during her wait.
      overwritten = true;
      for (const [d, b] of [[sha256(bobs.config), bobs.config], [sha256(bobs.result.payload), bobs.result.payload]] as const) registry.blobs.set(d, b);
      registry.tags.set(sigTag, { bytes: bobs.bytes, mediaType: bobs.mediaType });
    };
    const result = await signImage({ reference: REFERENCE, signer: alice, client: registry, clock: () => clock, sleep });
    expect(result.writes).toBe(2);
    expect(storedSignatures(registry).sort()).toEqual([bobs.result.signature, result.signature].sort());
  });

  it('when others keep writing (ours kept), it waits again, doubled, until two reads agree', async () => {
    const registry = new MemoryRegistry();
    let clock = 0;
    registry.before = () => void (clock += 1);
    const waits: number[] = [];
    let foreign = 0;
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      if (foreign >= 2) return;
      // Another writer appends a layer after ours, twice in a row (it saw our signature).
      foreign += 1;
      const current = parseSignatureManifest(registry.tags.get(sigTag)!.bytes).layers;
      const extra = { mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', size: 2, digest: sha256(new Uint8Array([foreign])), annotations: { [SIGNATURE_ANNOTATION]: 'AAAA' } };
      const built = signatureManifest([...current, extra]);
      registry.tags.set(sigTag, { bytes: built.manifest, mediaType: built.mediaType });
    };
    const result = await signImage({ reference: REFERENCE, signer: alice, client: registry, clock: () => clock, sleep });
    expect(result.writes).toBe(1);
    expect(waits).toEqual([10, 20, 40]);
    expect(storedSignatures(registry)).toHaveLength(3);
  });

  it('when its own wait overran by much (a stalling machine), it waits again, twice what the wait took, at most twice', async () => {
    const registry = new MemoryRegistry();
    let clock = 0;
    registry.before = () => void (clock += 1);
    const waits: number[] = [];
    // Every wait takes ten times as long as asked.
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      clock += 10 * ms;
    };
    await signImage({ reference: REFERENCE, signer: alice, client: registry, clock: () => clock, sleep });
    expect(waits).toEqual([10, 200, 4000]);
    expect(registry.calls.filter((c) => c === 'GET manifest')).toHaveLength(4);
  });

  it('a key that arrives during the read writes at once: the read is fresh, no HEAD re-check, a two-request window', async () => {
    const registry = new MemoryRegistry();
    let release!: (signer: Signer) => void;
    const key = new Promise<Signer>((resolve) => (release = resolve));
    let clock = 0;
    registry.before = (call) => {
      clock += 1;
      if (call === 'GET manifest' && registry.calls.length === 4) release(alice);
    };
    const waits: number[] = [];
    await signImage({ reference: REFERENCE, signer: key, client: registry, clock: () => clock, sleep: async (ms) => void waits.push(ms) });
    expect(registry.calls).toEqual(['HEAD manifest', 'PUT blob', 'PUT blob', 'GET manifest', 'PUT manifest', 'GET manifest']);
    // window = GET sent → manifest PUT answered: 2 calls.
    expect(waits).toEqual([10]);
  });
});
