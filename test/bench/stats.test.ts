import { describe, expect, it } from 'vitest';

import { median, quartiles } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('median takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('quartiles interpolate between order statistics, whatever the input order', () => {
    expect(quartiles([5, 1, 3, 2, 4])).toEqual([2, 4]);
    expect(quartiles([1, 2, 3, 4])).toEqual([1.75, 3.25]);
    expect(quartiles([7])).toEqual([7, 7]);
  });
});
