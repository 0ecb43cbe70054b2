import { describe, expect, it } from 'vitest';

import { parseDuration } from '../../../src/signer/cli/duration.js';

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['3m', 180_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text, 'timeout')).toBe(ms);
  });

  it.each(['', '0s', '10', '-5s', '5 s', 'soon', '5d', 's'])('%j is a usage error', (text) => {
    expect(() => parseDuration(text, 'timeout')).toThrow(/^invalid --timeout ".*" \(command line\); pass a positive duration such as 30s, 2m or 1m30s$/);
  });
});
