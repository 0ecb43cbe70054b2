import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRuntimeGzip, gzipPortable, RUNTIME_GZIP_LEVEL } from '../../src/image/gzip.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const samples: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  'one byte': Buffer.from('a'),
  zeros: Buffer.alloc(200_000),
  'long runs over the window': Buffer.concat(Array.from({ length: 50 }, (_, i) => Buffer.alloc(3000, i % 7))),
  'pseudo-random': Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + (i >> 3)) % 251)),
  javascript: readFileSync(new URL('../../node_modules/yaml/browser/dist/index.js', import.meta.url)),
  'node binary slice': readFileSync(process.execPath).subarray(0, 300_000),
};

describe('portable gzip', () => {
  for (const [name, data] of Object.entries(samples)) {
    it(`round-trips ${name} through Node's and GNU gunzip`, () => {
      const gz = gzipPortable(data);
      expect(gunzipSync(gz).equals(data)).toBe(true);
      expect(execFileSync('gzip', ['-dc'], { input: gz, maxBuffer: 1 << 26 }).equals(data)).toBe(true);
      expect(gzipPortable(data).equals(gz)).toBe(true);
    });
  }

  it('has a fixed header: no name, mtime 0, OS unix', () => {
    expect([...gzipPortable(Buffer.from('x')).subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('compresses within a few percent of zlib -9', () => {
    const js = samples.javascript!;
    expect(gzipPortable(js).length).toBeLessThan(gzipSync(js, { level: 9 }).length * 1.05);
  });

  it('produces pinned bytes for a pinned input (a change here changes every lock)', () => {
    // the digest is of the portable encoder's output; it must only change on purpose
    const input = Buffer.from(Array.from({ length: 100_000 }, (_, i) => `line ${i % 977} of the pinned sample\n`).join(''));
    expect(sha256(gzipPortable(input))).toMatchInlineSnapshot(`"0f4b791d1fdbcab849fd179d4d04373c853f41072ad1a26c1082c64c79dcbfec"`);
  });
});

describe('runtime gzip (node:zlib)', () => {
  it(`gives the same bytes at level ${RUNTIME_GZIP_LEVEL} however the input is chunked`, async () => {
    const data = samples['node binary slice']!;
    const whole = gzipSync(data, { level: RUNTIME_GZIP_LEVEL });
    const chunked = (size: number): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
      return buffer(Readable.from(chunks).pipe(createRuntimeGzip()));
    };
    expect((await chunked(1 << 20)).equals(whole)).toBe(true);
    expect((await chunked(4093)).equals(whole)).toBe(true);
    expect((await chunked(512)).equals(whole)).toBe(true);
  });
});
