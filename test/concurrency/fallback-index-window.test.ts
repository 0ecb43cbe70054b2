/**
 * The referrers tag schema index (`sha256-<hex>`) under concurrent writers, driven deterministically
 * with an in-memory tag store and a fake clock: the confirm wait is a multiple of our own
 * read→write window, an entry dropped by a stale writer is restored, and rounds lost while other
 * writers' entries keep appearing do not use up the attempt budget.
 */
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { addToFallbackIndex } from '../../src/signer/cosign/_referrers.js';
import { type ArtifactDescriptor, parseReferrersIndex, referrersIndex, referrersTag } from '../../src/signer/cosign/referrer.js';
import type { Manifest } from '../../src/signer/oci/index.js';

const sha256 = (b: Uint8Array | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const SUBJECT = sha256('the image');
const TAG = referrersTag(SUBJECT);
const REPO = { registry: 'registry.test', repository: 'app' };
const entry = (name: string): ArtifactDescriptor => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 10, digest: sha256(name), artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' });

/** Tags in memory; `before` runs before each call is served. */
class MemoryTags {
  public readonly calls: string[] = [];
  public readonly tags = new Map<string, Uint8Array>();
  public before: (call: string) => void = () => undefined;

  public async headManifest(): Promise<undefined> {
    throw new Error('not used');
  }
  public async getBlob(): Promise<Uint8Array> {
    throw new Error('not used');
  }
  public async headBlob(): Promise<boolean> {
    throw new Error('not used');
  }
  public async getManifest(_repo: unknown, tag: string): Promise<Manifest | undefined> {
    this.enter('GET');
    const bytes = this.tags.get(tag);
    return bytes === undefined ? undefined : { bytes, digest: sha256(bytes), mediaType: 'application/vnd.oci.image.index.v1+json', size: bytes.length };
  }
  public async putManifest(_repo: unknown, tag: string, bytes: Uint8Array): Promise<string> {
    this.enter('PUT');
    this.tags.set(tag, bytes);
    return sha256(bytes);
  }
  public listed(): string[] {
    return parseReferrersIndex(this.tags.get(TAG)!).map((d) => d.digest);
  }
  private enter(call: string): void {
    this.calls.push(call);
    this.before(call);
  }
}

describe('addToFallbackIndex under concurrent writers', () => {
  it('writes once and waits three times its own read→write window before the confirming read', async () => {
    const store = new MemoryTags();
    let clock = 0;
    store.before = () => void (clock += 5);
    const waits: number[] = [];
    const result = await addToFallbackIndex(store, REPO, SUBJECT, entry('ours'), { maxAttempts: 10, sleep: async (ms) => void waits.push(ms), random: () => 0, clock: () => clock });
    expect(result.writes).toBe(1);
    expect(store.calls).toEqual(['GET', 'PUT', 'GET']);
    // window = GET sent → PUT answered: two calls of 5 ms.
    expect(waits).toEqual([30]);
    expect(store.listed()).toEqual([entry('ours').digest]);
  });

  it('restores its entry after a stale writer dropped it during the wait', async () => {
    const store = new MemoryTags();
    let dropped = false;
    const sleep = async (): Promise<void> => {
      if (dropped) return;
      dropped = true;
      // Another writer read the index before our PUT and writes its own view now.
      store.tags.set(TAG, referrersIndex([], [entry('theirs')]));
    };
    const result = await addToFallbackIndex(store, REPO, SUBJECT, entry('ours'), { maxAttempts: 10, sleep, random: () => 0 });
    expect(result.writes).toBe(2);
    expect(store.listed().sort()).toEqual([entry('ours').digest, entry('theirs').digest].sort());
  });

  it('does not count rounds lost while new entries of others keep appearing', async () => {
    const store = new MemoryTags();
    let others = 0;
    const sleep = async (ms: number): Promise<void> => {
      // Every confirm wait, a new writer replaces the index with its own entry only (a stale view).
      if (ms === 0 || others >= 5) return;
      others += 1;
      store.tags.set(TAG, referrersIndex([], [entry(`other-${others}`)]));
    };
    // 2 attempts would run out after two lost rounds if every lost round counted.
    const result = await addToFallbackIndex(store, REPO, SUBJECT, entry('ours'), { maxAttempts: 2, sleep, random: () => 0 });
    expect(result.writes).toBe(6);
    expect(store.listed()).toContain(entry('ours').digest);
  });
});
