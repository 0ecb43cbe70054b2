import { describe, expect, it } from 'vitest';

import { findDuplicateKey } from '../../../src/signer/cosign/strict-json.js';

describe('findDuplicateKey', () => {
  it.each([
    ['{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}', undefined],
    ['{"a\\"":1,"a":2}', undefined],
    ['{"x":"{\\"a\\":1,\\"a\\":2}"}', undefined],
    ['{"a":{},"b":[],"c":1}', undefined],
    ['{"a":1,"a":2}', 'a'],
    ['{"o":{"k":[1,{"z":1}],"k":2}}', 'k'],
    ['[{"a":1},{"b":1,"b":2}]', 'b'],
    ['{"\\u0061":1,"a":2}', 'a'],
  ])('%s → %s', (text, expected) => {
    JSON.parse(text); // precondition: valid JSON
    expect(findDuplicateKey(text)).toBe(expected);
  });
});
