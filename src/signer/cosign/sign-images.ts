/**
 * Batch signing: many images, one decrypted key, one registry client (one token per repository,
 * pooled connections), bounded concurrency.
 */
import { createRegistryClient, formatReference, parseReference, repositoryName, type ImageReference } from '../oci/index.js';
import { existingImage, resolveDigest } from './_signatures.js';
import { SigningError } from './_signing-error.js';
import { withClient } from './_with-client.js';
import { signImage, type SignImageOptions, type SignImageResult } from './sign.js';

/** Options of {@link signImages}: those of `signImage` for every image, plus the list and the concurrency. */
export interface SignImagesOptions extends Omit<SignImageOptions, 'reference' | 'confirmDelayMs'> {
  /** The images, by digest (recommended) or tag; tags are resolved first, with a warning each. */
  readonly references: readonly (string | ImageReference)[];
  /**
   * Images signed at the same time.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * The wait before re-reading each `.sig` manifest after writing it (see `SignImageOptions.confirmDelayMs`).
   * The batch never races with itself (one job per image digest), so the wait only matters when
   * another process signs the same images at the same time: then pass a positive value, which turns on
   * the measured wait (3 × the read→write window) with this value as its lower bound, e.g. 10.
   * @default 0 (no other signer of these images: no wait, no re-check of stale reads)
   */
  readonly confirmDelayMs?: number;
}

/** The outcome for one reference of the batch, in input order. */
export type SignImagesOutcome =
  | { readonly reference: string; readonly ok: true; readonly result: SignImageResult }
  | { readonly reference: string; readonly ok: false; readonly error: unknown };

/**
 * Signs many images with one key. Every image is attempted: a failure is reported in its outcome and
 * does not stop the others. The same image given twice (by digest, or by tags resolving to one
 * digest) is signed once, and both outcomes carry that result.
 *
 * Requests: those of `signImage` per distinct image (8 for an unsigned image by digest without auth,
 * its existence `HEAD` included, by tag or digest) and one token per repository.
 */
export async function signImages(options: SignImagesOptions): Promise<SignImagesOutcome[]> {
  const { references, concurrency = 8, client: given, ...perImage } = options;
  return withClient(given, () => createRegistryClient({ pushIntent: true }), async (client) => {
    const parsed = references.map((r) => (typeof r === 'string' ? r : formatReference(r)));
    // Resolve tags first so that jobs are keyed by digest: two jobs on one `.sig` tag would race.
    const resolved = await mapBounded(references, concurrency, async (r) => {
      const ref = typeof r === 'string' ? parseReference(r) : r;
      const digest = await resolveDigest(client, ref, (what) => new SigningError('SIGN_IMAGE_NOT_FOUND', `image not found (${what}); check the reference, push the image first or sign by digest`), perImage.onWarning, true);
      return existingImage(ref, digest);
    });
    const jobs = new Map<string, Promise<SignImageResult>>();
    // Jobs on one `.sig` tag (same digest, different identities) run one after the other.
    const tails = new Map<string, Promise<unknown>>();
    const schedule = (ref: ImageReference): Promise<SignImageResult> => {
      const key = `${repositoryName(ref)}@${ref.digest ?? ''}|${ref.tag ?? ''}`;
      const existing = jobs.get(key);
      if (existing !== undefined) return existing;
      const sigKey = `${repositoryName(ref)}@${ref.digest ?? ''}`;
      const run = (): Promise<SignImageResult> => signImage({ ...perImage, reference: ref, client, confirmDelayMs: options.confirmDelayMs ?? 0 });
      const job = (tails.get(sigKey) ?? Promise.resolve()).then(run, run);
      tails.set(sigKey, job.catch(() => undefined));
      jobs.set(key, job);
      return job;
    };
    const settled = await mapBounded(resolved, concurrency, async (entry) => {
      if (!entry.ok) throw entry.error;
      return schedule(entry.value);
    });
    const outcomes = settled.map((s, i): SignImagesOutcome => (s.ok ? { reference: parsed[i]!, ok: true, result: s.value } : { reference: parsed[i]!, ok: false, error: s.error }));
    return outcomes;
  });
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Maps with at most `limit` calls in flight; results (or errors) in input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<Settled<R>[]> {
  const out: Settled<R>[] = new Array<Settled<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        out[i] = { ok: true, value: await fn(items[i]!, i) };
      } catch (error) {
        out[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
