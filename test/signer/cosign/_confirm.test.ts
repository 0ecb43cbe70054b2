import { describe, expect, it } from 'vitest';

import { CONFIRM_WINDOW_FACTOR, type ConfirmRead, confirmDelayMs, MAX_CONFIRM_DELAY_MS, MIN_CONFIRM_DELAY_MS, readIsStale, settle } from '../../../src/signer/cosign/_confirm.js';

describe('readIsStale', () => {
  it('writes from a read just answered, jitter included: one request fewer', () => {
    expect(readIsStale(5, 5)).toBe(false);
    expect(readIsStale(11.9, 5)).toBe(false);
    // a loopback registry answering in 1.5 ms and a GC pause before the PUT
    expect(readIsStale(4.5, 1.5)).toBe(false);
  });

  it('re-checks a read that anything of a round trip or more ran after: uploads, the key decryption, a pause', () => {
    expect(readIsStale(12.1, 5)).toBe(true);
    expect(readIsStale(39, 11)).toBe(true);
    expect(readIsStale(120, 5)).toBe(true);
  });

  it('scales with the registry: the same age is fresh on a slow one, stale on a fast one', () => {
    expect(readIsStale(30, 25)).toBe(false);
    expect(readIsStale(30, 2)).toBe(true);
  });

  it('re-checks only where the HEAD saves more wait than it costs', () => {
    for (const [age, rtt] of [[12.1, 5], [39, 11], [30, 2]] as const) {
      expect(readIsStale(age, rtt)).toBe(true);
      // the window shrinks by age − rtt, the wait by the factor times that; the HEAD costs rtt
      expect(CONFIRM_WINDOW_FACTOR * (age - rtt)).toBeGreaterThan(rtt);
    }
  });
});

describe('confirmDelayMs', () => {
  it('is the factor times the window, within its bounds', () => {
    expect(confirmDelayMs(12, undefined)).toBe(CONFIRM_WINDOW_FACTOR * 12);
    expect(confirmDelayMs(1, undefined)).toBe(MIN_CONFIRM_DELAY_MS);
    expect(confirmDelayMs(60_000, undefined)).toBe(MAX_CONFIRM_DELAY_MS);
    expect(confirmDelayMs(12, 300)).toBe(300);
  });
});

describe('settle', () => {
  /** A fake clock that sleeping advances; `overrun` adds to every sleep. */
  const fakeTime = (overrun = 0) => {
    let t = 0;
    const slept: number[] = [];
    return {
      slept,
      clock: () => t,
      sleep: async (ms: number) => {
        slept.push(ms);
        t += ms + overrun;
      },
    };
  };
  const reads = <T>(...answers: ConfirmRead<T>[]) => {
    let i = 0;
    return async () => answers[Math.min(i++, answers.length - 1)]!;
  };

  it('a quiet tag confirms at the first read', async () => {
    const time = fakeTime();
    const out = await settle('ours', 36, reads({ digest: 'ours', kept: true, value: 1 }), time.sleep, time.clock);
    expect(out).toEqual({ kept: true });
    expect(time.slept).toEqual([36]);
  });

  it('reports the read that lost our entry', async () => {
    const time = fakeTime();
    const out = await settle('ours', 36, reads({ digest: 'theirs', kept: false, value: 'last' }), time.sleep, time.clock);
    expect(out).toEqual({ kept: false, last: 'last' });
  });

  it('waits again, doubled, while other writers keep changing the tag, until two reads agree', async () => {
    const time = fakeTime();
    const out = await settle(
      'ours',
      36,
      reads({ digest: 'a', kept: true, value: 0 }, { digest: 'b', kept: true, value: 0 }, { digest: 'b', kept: true, value: 0 }),
      time.sleep,
      time.clock,
    );
    expect(out).toEqual({ kept: true });
    expect(time.slept).toEqual([36, 72, 144]);
  });

  it('a wait that overran by much (a stalling machine) is followed by a longer one', async () => {
    const time = fakeTime(100);
    const out = await settle('ours', 36, reads({ digest: 'ours', kept: true, value: 0 }), time.sleep, time.clock);
    expect(out).toEqual({ kept: true });
    expect(time.slept[1]).toBe(2 * (36 + 100));
  });
});
