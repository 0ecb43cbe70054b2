/**
 * Reading and writing the referrers of an image: the OCI 1.1 referrers API where the registry has
 * one, else the referrers tag schema index, updated without losing concurrent writers' entries.
 */
import type { Fetcher, ReferrersClient, RegistryClient, RepositoryRef } from '../oci/index.js';
import { confirmDelayMs, settle } from './_confirm.js';
import { SigningError } from './_signing-error.js';
import { MEDIA_TYPES } from './constants.js';
import { type ArtifactDescriptor, parseReferrersIndex, referrersIndex, referrersTag } from './referrer.js';

/** The referrers of a subject and where they were listed. */
export interface ReferrersListing {
  /** `api` when the registry answered the referrers API, `tag` when the fallback index was read. */
  readonly source: 'api' | 'tag';
  /** The listed descriptors (empty when there are none). */
  readonly descriptors: readonly ArtifactDescriptor[];
}

/** Lists the referrers of `digest`: the API when present, else the `sha256-<hex>` index (missing = none). */
export async function listReferrers(client: Fetcher & Pick<ReferrersClient, 'getReferrers'>, repo: RepositoryRef, digest: string): Promise<ReferrersListing> {
  const answer = await client.getReferrers(repo, digest);
  if (answer.supported) return { source: 'api', descriptors: parseReferrersIndex(answer.index) };
  const index = await client.getManifest(repo, referrersTag(digest));
  return { source: 'tag', descriptors: index === undefined ? [] : parseReferrersIndex(index.bytes) };
}

/** Options of {@link addToFallbackIndex}. */
export interface FallbackIndexOptions {
  /**
   * Lower bound of the measured wait after the index `PUT` (see `_confirm.ts`); 0 re-reads at once.
   * @default - measured only
   */
  readonly confirmDelayMs?: number;
  /** Write attempts before giving up. */
  readonly maxAttempts: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /**
   * Monotonic clock in milliseconds, to measure the read→write window.
   * @default performance.now
   */
  readonly clock?: () => number;
}

/** What {@link addToFallbackIndex} did. */
export interface FallbackIndexResult {
  /** Index writes performed (0 when the entry was already listed). */
  readonly writes: number;
}

/**
 * Adds `entry` to the referrers tag schema index of `subject`. The tag is read, merged, written,
 * then re-read after a wait measured from our own read→write window (`_confirm.ts`): an entry
 * another writer dropped from a stale view (ours or theirs) is restored, so the index only ever
 * grows. Without compare-and-swap this is the same timing-based guarantee as the `.sig` tag: a
 * writer stalled inside its read→write window for longer than the others' waits can still drop an
 * entry nobody re-checks (the referrer manifest itself stays, only its listing is lost).
 *
 * @throws SigningError `SIGN_CONFLICT` when writers kept replacing the index
 */
export async function addToFallbackIndex(client: Fetcher & Pick<RegistryClient, 'putManifest'>, repo: RepositoryRef, subject: string, entry: ArtifactDescriptor, options: FallbackIndexOptions): Promise<FallbackIndexResult> {
  const tag = referrersTag(subject);
  const now = options.clock ?? (() => performance.now());
  const waits = options.confirmDelayMs !== 0;
  let restore: ArtifactDescriptor[] = [];
  let writes = 0;
  // As for the `.sig` tag: a lost round after which new entries of others showed up does not count.
  const everSeen = new Set<string>();
  const progressed = (entries: readonly ArtifactDescriptor[]): boolean => {
    const fresh = entries.filter((e) => !everSeen.has(e.digest));
    fresh.forEach((e) => everSeen.add(e.digest));
    return fresh.length > 0;
  };
  let attempt = 1;
  for (let round = 1; attempt <= options.maxAttempts && round <= 5 * options.maxAttempts; round += 1) {
    const sentAt = now();
    const current = await readIndex(client, repo, tag);
    if (round === 1) progressed(current.entries);
    const missing = [entry, ...restore].filter((d) => !current.entries.some((c) => c.digest === d.digest));
    if (missing.length === 0) return { writes };
    const wanted = [...current.entries, ...missing];
    const written = await client.putManifest(repo, tag, referrersIndex(current.entries, missing), MEDIA_TYPES.ociIndex);
    writes += 1;
    const delay = waits ? confirmDelayMs(now() - sentAt, options.confirmDelayMs) : 0;
    const settled = await settle(written, delay, async () => {
      const after = await readIndex(client, repo, tag);
      return { digest: after.digest, kept: wanted.every((w) => after.entries.some((a) => a.digest === w.digest)), value: after };
    }, options.sleep, now);
    if (settled.kept) return { writes };
    restore = wanted.filter((w) => !settled.last.entries.some((a) => a.digest === w.digest));
    if (!progressed(settled.last.entries)) attempt += 1;
    // Another writer worked from a stale view; back off with full jitter and merge again.
    await options.sleep(Math.round(options.random() * Math.min(2000, 50 * 2 ** Math.min(round, 16))));
  }
  throw new SigningError('SIGN_CONFLICT', `other writers kept replacing the referrers index (${repo.registry}/${repo.repository}:${tag}) in ${options.maxAttempts} attempts; run the signing again`);
}

async function readIndex(client: Fetcher, repo: RepositoryRef, tag: string): Promise<{ entries: ArtifactDescriptor[]; digest: string | undefined }> {
  const manifest = await client.getManifest(repo, tag);
  return manifest === undefined ? { entries: [], digest: undefined } : { entries: parseReferrersIndex(manifest.bytes), digest: manifest.digest };
}
