import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageError } from '../../src/image/errors.js';
import { normalizeTarEntries, tarBuffer, type TarEntry } from '../../src/image/tar.js';
import { tempDir } from '../helpers/temp-dir.js';

const entries: TarEntry[] = [
  { type: 'file', path: '/opt/signet/signet.cjs', mode: 0o644, content: Buffer.from('console.log(1)\n') },
  { type: 'directory', path: '/home/nonroot', mode: 0o755, uid: 65532, gid: 65532 },
  { type: 'directory', path: '/tmp', mode: 0o1777 },
  { type: 'symlink', path: '/bin', target: 'usr/bin' },
  { type: 'file', path: '/etc/passwd', mode: 0o644, content: Buffer.from('root:x:0:0::/root:/sbin/nologin\n') },
];

function listing(tar: Buffer): string[] {
  const dir = tempDir('signet-tar-');
  writeFileSync(join(dir, 'layer.tar'), tar);
  return execFileSync('tar', ['--numeric-owner', '--full-time', '-tvf', join(dir, 'layer.tar')], { encoding: 'utf8', env: { TZ: 'UTC' } }).trim().split('\n');
}

describe('tar writer', () => {
  it('writes the same bytes for the same entries, whatever their order', async () => {
    // GIVEN the same entries in two orders
    const reversed = [...entries].reverse();
    // WHEN both are archived twice
    const [a, b, c] = await Promise.all([tarBuffer(entries), tarBuffer(entries), tarBuffer(reversed)]);
    // THEN the bytes are identical
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(true);
  });

  it('adds missing parents and sorts by path', () => {
    expect(normalizeTarEntries(entries).map((e) => e.path)).toEqual([
      'bin', 'etc', 'etc/passwd', 'home', 'home/nonroot', 'opt', 'opt/signet', 'opt/signet/signet.cjs', 'tmp',
    ]);
  });

  it('records epoch mtimes, numeric owners and exact modes that GNU tar reads back', async () => {
    const lines = listing(await tarBuffer(entries));
    expect(lines).toEqual([
      'lrwxrwxrwx 0/0               0 1970-01-01 00:00:00 bin -> usr/bin',
      'drwxr-xr-x 0/0               0 1970-01-01 00:00:00 etc/',
      '-rw-r--r-- 0/0              32 1970-01-01 00:00:00 etc/passwd',
      'drwxr-xr-x 0/0               0 1970-01-01 00:00:00 home/',
      'drwxr-xr-x 65532/65532       0 1970-01-01 00:00:00 home/nonroot/',
      'drwxr-xr-x 0/0               0 1970-01-01 00:00:00 opt/',
      'drwxr-xr-x 0/0               0 1970-01-01 00:00:00 opt/signet/',
      '-rw-r--r-- 0/0              15 1970-01-01 00:00:00 opt/signet/signet.cjs',
      'drwxrwxrwt 0/0               0 1970-01-01 00:00:00 tmp/',
    ]);
  });

  it('splits long names into the ustar prefix instead of writing pax headers', async () => {
    const long = `/${'d'.repeat(90)}/${'f'.repeat(90)}.js`;
    const tar = await tarBuffer([{ type: 'file', path: long, mode: 0o644, content: Buffer.from('x') }]);
    expect(listing(tar).at(-1)).toContain(long.slice(1));
    expect(tar.includes(Buffer.from('PaxHeader'))).toBe(false);
  });

  it('fails on unclean paths, duplicates and files used as directories', () => {
    expect(() => normalizeTarEntries([{ type: 'directory', path: '/a/../b', mode: 0o755 }])).toThrow(/not a clean path/);
    expect(() => normalizeTarEntries([entries[0]!, entries[0]!])).toThrow(/listed twice/);
    expect(() => normalizeTarEntries([
      { type: 'file', path: '/a', mode: 0o644, content: Buffer.alloc(0) },
      { type: 'file', path: '/a/b', mode: 0o644, content: Buffer.alloc(0) },
    ])).toThrow(ImageError);
  });
});
