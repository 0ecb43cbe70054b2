import { describe, expect, it } from 'vitest';

import { parseDuration } from '../../../src/tekton/validation/_model.js';

describe('parseDuration (Go time.ParseDuration, as metav1.Duration reads timeouts)', () => {
  it('reads every Go unit, microseconds in all three spellings', () => {
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('250ms')).toBe(250);
    for (const micro of ['us', '\u00b5s', '\u03bcs']) expect(parseDuration(`1500${micro}`)).toBeCloseTo(1.5);
    expect(parseDuration('2000000ns')).toBeCloseTo(2);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('-5m')).toBe(-300_000);
  });

  it('refuses what Go refuses', () => {
    for (const bad of ['', '5', '1d', '1 h', 'h', '1hm', '.s']) expect(parseDuration(bad)).toBeUndefined();
  });
});
