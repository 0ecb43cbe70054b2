/**
 * Reading and writing the referrers of an image: the OCI 1.1 referrers API where the registry has
 * one, else the referrers tag schema index, updated without losing concurrent writers' entries.
 */
import type { Fetcher, ReferrersClient, RegistryClient, RepositoryRef } from '../oci/index.js';
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
  /** Wait after the index `PUT` before re-reading it, in milliseconds (see `SignImageOptions.confirmDelayMs`). */
  readonly confirmDelayMs: number;
  /** Write attempts before giving up. */
  readonly maxAttempts: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/** What {@link addToFallbackIndex} did. */
export interface FallbackIndexResult {
  /** Index writes performed (0 when the entry was already listed). */
  readonly writes: number;
}

/**
 * Adds `entry` to the referrers tag schema index of `subject`. The tag is read, merged, written,
 * then re-read after `confirmDelayMs`: an entry another writer dropped from a stale view (ours or
 * theirs) is restored, so the index only ever grows. Without compare-and-swap this is the same
 * timing-based guarantee as the `.sig` tag: a writer whose read→write window exceeds the others'
 * confirm delay can still drop an entry nobody re-checks.
 *
 * @throws SigningError `SIGN_CONFLICT` when writers kept replacing the index
 */
export async function addToFallbackIndex(client: Fetcher & Pick<RegistryClient, 'putManifest'>, repo: RepositoryRef, subject: string, entry: ArtifactDescriptor, options: FallbackIndexOptions): Promise<FallbackIndexResult> {
  const tag = referrersTag(subject);
  let restore: ArtifactDescriptor[] = [];
  let writes = 0;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const current = await readIndex(client, repo, tag);
    const missing = [entry, ...restore].filter((d) => !current.some((c) => c.digest === d.digest));
    if (missing.length === 0) return { writes };
    const wanted = [...current, ...missing];
    await client.putManifest(repo, tag, referrersIndex(current, missing), MEDIA_TYPES.ociIndex);
    writes += 1;
    if (options.confirmDelayMs > 0) await options.sleep(options.confirmDelayMs);
    const after = await readIndex(client, repo, tag);
    restore = wanted.filter((w) => !after.some((a) => a.digest === w.digest));
    if (restore.length === 0) return { writes };
    // Another writer worked from a stale view; back off with full jitter and merge again.
    await options.sleep(Math.round(options.random() * Math.min(2000, 50 * 2 ** attempt)));
  }
  throw new SigningError('SIGN_CONFLICT', `other writers kept replacing the referrers index (${repo.registry}/${repo.repository}:${tag}) in ${options.maxAttempts} attempts; run the signing again`);
}

async function readIndex(client: Fetcher, repo: RepositoryRef, tag: string): Promise<ArtifactDescriptor[]> {
  const manifest = await client.getManifest(repo, tag);
  return manifest === undefined ? [] : parseReferrersIndex(manifest.bytes);
}
