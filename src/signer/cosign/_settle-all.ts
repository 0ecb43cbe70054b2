/**
 * Awaiting parallel registry work so that a failure leaves nothing running behind it (the signing use
 * cases: key-free requests of one signature, workers of a recursive signing).
 */

/**
 * All of `promises`, or the first failure in their order once every one has settled: when signing
 * fails, none of its requests is still running (a caller may close the client at once), and the
 * failure reported does not depend on which request lost a race.
 */
export async function settleAll<T extends readonly unknown[] | []>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const values: unknown[] = [];
  for (const result of results as PromiseSettledResult<unknown>[]) {
    if (result.status === 'rejected') throw result.reason;
    values.push(result.value);
  }
  return values as { -readonly [K in keyof T]: Awaited<T[K]> };
}
