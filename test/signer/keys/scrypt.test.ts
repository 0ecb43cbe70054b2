/**
 * signet's scrypt against RFC 7914's test vectors and against node:crypto (OpenSSL) on many
 * random inputs, for both implementations; and that a decryption-sized run lets the event loop turn.
 */
import { execFileSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { KeyError } from '../../../src/signer/keys/errors.js';
import { scryptImplementation, scryptKey, type ScryptImplementation } from '../../../src/signer/keys/scrypt.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** RFC 7914 §12. The fourth vector (N = 2^20, 1 GiB of memory) is left out: too heavy for a unit test. */
const RFC_7914 = [
  {
    password: '', salt: '', N: 16, r: 1, p: 1,
    key: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
  },
  {
    password: 'password', salt: 'NaCl', N: 1024, r: 8, p: 16,
    key: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  },
  {
    password: 'pleaseletmein', salt: 'SodiumChloride', N: 16384, r: 8, p: 1,
    key: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
  },
];

const IMPLEMENTATIONS: readonly ScryptImplementation[] = ['wasm-simd', 'node-crypto'];
const SCRYPT_MODULE = fileURLToPath(new URL('../../../src/signer/keys/scrypt.ts', import.meta.url));

/** A small seeded generator (xorshift32), so a failing random case can be replayed. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

describe('scryptKey', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('uses WebAssembly SIMD on this Node, and node:crypto when SIGNET_SCRYPT=node', () => {
    expect(scryptImplementation()).toBe('wasm-simd');
    vi.stubEnv('SIGNET_SCRYPT', 'node');
    expect(scryptImplementation()).toBe('node-crypto');
  });

  it('falls back to node:crypto where the engine has no WebAssembly (node --jitless)', () => {
    const script = `const { scryptImplementation, scryptKey } = await import(${JSON.stringify(SCRYPT_MODULE)});
      const key = await scryptKey(new Uint8Array(), new Uint8Array(), { N: 16, r: 1, p: 1 }, 64);
      process.stdout.write(JSON.stringify([typeof WebAssembly, scryptImplementation(), Buffer.from(key).toString('hex')]));`;
    const output = execFileSync(process.execPath, ['--jitless', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(JSON.parse(output)).toEqual(['undefined', 'node-crypto', RFC_7914[0]!.key]);
  });

  for (const implementation of IMPLEMENTATIONS) {
    it.each(RFC_7914)(`${implementation}: RFC 7914 vector N=$N r=$r p=$p`, async ({ password, salt, N, r, p, key }) => {
      expect(hex(await scryptKey(text(password), text(salt), { N, r, p }, 64, implementation))).toBe(key);
    });
  }

  it('wasm-simd equals node:crypto on 60 random inputs (password, salt, N, r, p, length)', async () => {
    const seed = 0x5eed7914;
    const next = generator(seed);
    for (let i = 0; i < 60; i += 1) {
      const password = Uint8Array.from({ length: next(80) }, () => next(256));
      const salt = Uint8Array.from({ length: next(80) }, () => next(256));
      const cost = { N: 2 ** (1 + next(11)), r: 1 + next(9), p: 1 + next(3) };
      const length = 1 + next(100);
      const expected = scryptSync(password, salt, length, { ...cost, maxmem: 256 * 1024 * 1024 });
      const actual = await scryptKey(password, salt, cost, length, 'wasm-simd');
      expect(hex(actual), `case ${i} of seed ${seed}: N=${cost.N} r=${cost.r} p=${cost.p} length=${length}`).toBe(hex(expected));
    }
  });

  it.each([32768, 65536, 131072])('wasm-simd equals node:crypto for cosign\'s cost N=%i r=8 p=1', async (N) => {
    const password = text(`password for ${N}`);
    const salt = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + N) & 0xff);
    const expected = scryptSync(password, salt, 32, { N, r: 8, p: 1, maxmem: 512 * 1024 * 1024 });
    expect(hex(await scryptKey(password, salt, { N, r: 8, p: 1 }, 32, 'wasm-simd'))).toBe(hex(expected));
  });

  it('gives each concurrent call its own memory', async () => {
    const costs = [{ N: 4096, r: 8, p: 1 }, { N: 2048, r: 4, p: 2 }, { N: 4096, r: 8, p: 1 }];
    const results = await Promise.all(costs.map((cost, i) => scryptKey(text(`pw${i}`), text('salt'), cost, 32, 'wasm-simd')));
    results.forEach((result, i) => expect(hex(result)).toBe(hex(scryptSync(`pw${i}`, 'salt', 32, { ...costs[i]!, maxmem: 1 << 26 }))));
  });

  it('lets the event loop turn while it runs a cosign-sized derivation (N=32768, r=8)', async () => {
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await scryptKey(text('pw'), text('salt'), { N: 32768, r: 8, p: 1 }, 32, 'wasm-simd');
    running = false;
    // 32 slices of 1 MiB in the first loop and 8 of 4096 blocks in the second, a turn between each
    expect(turns).toBeGreaterThanOrEqual(30);
  });

  it.each([
    { N: 0, r: 8, p: 1 },
    { N: 1, r: 8, p: 1 },
    { N: 3000, r: 8, p: 1 },
    { N: 1024, r: 0, p: 1 },
    { N: 1024, r: 8, p: 0 },
    { N: 1024, r: 1.5, p: 1 },
  ])('refuses the malformed cost N=$N r=$r p=$p', async (cost) => {
    const error = await scryptKey(text('pw'), text('salt'), cost, 32).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect((error as KeyError).code).toBe('KEY_KDF_PARAMS');
  });
});
