import { describe, expect, it } from 'vitest';
import { parseBaseSpec } from '../../src/image/base.js';
import { parseLddOutput } from '../../src/image/runtime-base.js';

const digest = `sha256:${'a'.repeat(64)}` as const;

describe('parseBaseSpec', () => {
  it('accepts the runtime base, pinned layouts and pinned registry images', () => {
    expect(parseBaseSpec('runtime')).toEqual({ kind: 'runtime' });
    expect(parseBaseSpec(`oci-layout:/tmp/base@${digest}`)).toEqual({ kind: 'oci-layout', path: '/tmp/base', digest });
    expect(parseBaseSpec(`gcr.io/distroless/nodejs20-debian12@${digest}`)).toEqual({ kind: 'registry', reference: 'gcr.io/distroless/nodejs20-debian12', digest });
  });

  it('fails on tags and unpinned layouts, saying how to pin', () => {
    expect(() => parseBaseSpec('gcr.io/distroless/nodejs20-debian12:nonroot')).toThrow(/not pinned by digest; use 'runtime', 'oci-layout:PATH@sha256:<hex>'/);
    expect(() => parseBaseSpec('oci-layout:/tmp/base')).toThrow(/not pinned by digest/);
    expect(() => parseBaseSpec(`gcr.io/distroless/nodejs20-debian12:nonroot@${digest}`)).toThrow(/both a tag and a digest/);
  });
});

describe('parseLddOutput', () => {
  it('keeps the paths the loader uses, skips the vdso, and includes the loader', () => {
    const output = [
      '\tlinux-vdso.so.1 (0x00007ffd5a1f2000)',
      '\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f5f39200000)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f5f3901e000)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f5f395cf000)',
    ].join('\n');
    expect(parseLddOutput(output, '/usr/bin/node')).toEqual([
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib/x86_64-linux-gnu/libstdc++.so.6',
      '/lib64/ld-linux-x86-64.so.2',
    ]);
  });

  it('fails on a missing library, naming it', () => {
    expect(() => parseLddOutput('\tlibfoo.so.1 => not found\n', '/usr/bin/node')).toThrow(/needs 'libfoo.so.1', which ldd cannot find/);
  });
});
