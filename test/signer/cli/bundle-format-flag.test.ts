import { describe, expect, it } from 'vitest';

import { parseSignArgs, parseVerifyArgs } from '../../../src/signer/cli/index.js';

const IMAGE = `registry.example.com/app@sha256:${'a'.repeat(64)}`;

describe('--new-bundle-format', () => {
  it('is a Go-style boolean for sign: bare is true, =false is the default', () => {
    expect(parseSignArgs(['--key', 'k', '--new-bundle-format', IMAGE]).newBundleFormat).toBe(true);
    expect(parseSignArgs(['--key', 'k', '--new-bundle-format=true', IMAGE]).newBundleFormat).toBe(true);
    expect(parseSignArgs(['--key', 'k', '--new-bundle-format=false', IMAGE]).newBundleFormat).toBeUndefined();
    expect(parseSignArgs(['--key', 'k', IMAGE]).newBundleFormat).toBeUndefined();
    expect(() => parseSignArgs(['--key', 'k', '--new-bundle-format=maybe', IMAGE])).toThrow(/is not a boolean \(sign\)/);
    expect(() => parseSignArgs(['--key', 'k', '--new-bundle-format', '--identity-with-tag', IMAGE])).toThrow(/signs no docker-reference/);
  });

  it('is true, false or auto for verify', () => {
    expect(parseVerifyArgs(['--key', 'k', '--new-bundle-format', IMAGE]).format).toBe('bundle');
    expect(parseVerifyArgs(['--key', 'k', '--new-bundle-format=false', IMAGE]).format).toBe('legacy');
    expect(parseVerifyArgs(['--key', 'k', '--new-bundle-format=auto', IMAGE]).format).toBe('auto');
    expect(parseVerifyArgs(['--key', 'k', IMAGE]).format).toBeUndefined();
    expect(() => parseVerifyArgs(['--key', 'k', '--new-bundle-format=x', IMAGE])).toThrow(/not true, false or auto/);
  });
});
