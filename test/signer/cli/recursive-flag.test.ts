/** `--recursive`/`-r` as cosign spells it (a Go boolean flag), through `parseSignArgs`. */
import { describe, expect, it } from 'vitest';

import { parseSignArgs } from '../../../src/signer/cli/index.js';
import { normaliseRecursiveFlag } from '../../../src/signer/cli/recursive-flag.js';

const IMAGE = `registry.example.com/app@sha256:${'a'.repeat(64)}`;

describe('--recursive', () => {
  it('is off unless given; bare, -r and Go boolean spellings turn it on or off', () => {
    expect(parseSignArgs(['--key', 'k', IMAGE]).recursive).toBeUndefined();
    for (const on of [['--recursive'], ['-r'], ['--recursive=true'], ['--recursive=1'], ['--recursive=True']]) {
      expect(parseSignArgs(['--key', 'k', ...on, IMAGE]).recursive, on.join(' ')).toBe(true);
    }
    for (const off of ['--recursive=false', '--recursive=0', '--recursive=F']) expect(parseSignArgs(['--key', 'k', off, IMAGE]).recursive, off).toBeUndefined();
  });

  it('refuses a value that is not a boolean with a usage error naming the flag', () => {
    expect(() => parseSignArgs(['--key', 'k', '--recursive=yes', IMAGE])).toThrow(/--recursive="yes" is not a boolean \(sign\)/);
    expect(() => parseSignArgs(['--key', 'k', '--recursive=', IMAGE])).toThrow(/is not a boolean/);
  });

  it('combines with --new-bundle-format and leaves what follows -- alone', () => {
    expect(parseSignArgs(['--key', 'k', '-r', '--new-bundle-format', IMAGE])).toMatchObject({ recursive: true, newBundleFormat: true });
    expect(normaliseRecursiveFlag(['--key', 'k', '-r', '--', '-r'])).toEqual(['--key', 'k', '--recursive=true', '--', '-r']);
  });
});
