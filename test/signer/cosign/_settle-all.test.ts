import { describe, expect, it } from 'vitest';

import { settleAll } from '../../../src/signer/cosign/_settle-all.js';

describe('settleAll', () => {
  it('gives every value, in order', async () => {
    expect(await settleAll([Promise.resolve(1), 'two', Promise.resolve([3])])).toEqual([1, 'two', [3]]);
  });

  it('throws the first failure in order, only once everything has settled', async () => {
    let slowDone = false;
    const slow = new Promise<void>((resolve) => setTimeout(() => resolve(void (slowDone = true)), 20));
    const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('second')), 5));
    const error = await settleAll([slow, Promise.reject(new Error('first')), late]).catch((e: unknown) => e);
    expect((error as Error).message).toBe('first');
    expect(slowDone).toBe(true);
  });
});
