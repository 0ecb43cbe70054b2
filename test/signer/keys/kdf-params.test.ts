/**
 * Proves that KDF parameters are checked before scrypt runs (a DoS guard): signet's scrypt entry
 * point (whichever implementation it picks) is wrapped in a spy that still calls the real one.
 */
import { describe, expect, it, vi } from 'vitest';

const scryptCalls = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../../src/signer/keys/scrypt.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/signer/keys/scrypt.js')>();
  const scryptKey: typeof real.scryptKey = (...args) => {
    scryptCalls.count += 1;
    return real.scryptKey(...args);
  };
  return { ...real, scryptKey };
});

const { decryptEnvelope, KeyError } = await import('../../../src/signer/keys/index.js');
const { VECTORS_PRESENT, vectorBytes } = await import('./cosign-vectors.js');

function envelope(N: number, r: number, p: number, saltLength = 32): string {
  const b64 = (n: number): string => Buffer.alloc(n, 7).toString('base64');
  return JSON.stringify({
    kdf: { name: 'scrypt', params: { N, r, p }, salt: b64(saltLength) },
    cipher: { name: 'nacl/secretbox', nonce: b64(24) },
    ciphertext: b64(40),
  });
}

describe('scrypt parameter guard', () => {
  it.each([
    [99, 99, 99],
    [1 << 20, 8, 1],
    [32768, 16, 1],
    [65536, 8, 2],
    [16384, 8, 1],
  ])('refuses N=%i r=%i p=%i with KEY_KDF_PARAMS without running scrypt', async (N, r, p) => {
    scryptCalls.count = 0;
    const error = await decryptEnvelope(envelope(N, r, p), new Uint8Array()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect((error as InstanceType<typeof KeyError>).code).toBe('KEY_KDF_PARAMS');
    expect(scryptCalls.count).toBe(0);
  });

  it.skipIf(!VECTORS_PRESENT)('refuses the go-securesystemslib unsupported-params vector without running scrypt', async () => {
    scryptCalls.count = 0;
    const kdf = 'kdf/go-securesystemslib-encrypted/';
    const error = await decryptEnvelope(vectorBytes(`${kdf}unsupported-params-negative.json`), vectorBytes(`${kdf}passphrase.txt`)).catch((e: unknown) => e);
    expect((error as InstanceType<typeof KeyError>).code).toBe('KEY_KDF_PARAMS');
    expect(scryptCalls.count).toBe(0);
  });

  it('runs scrypt for an accepted set (and then fails on the MAC with KEY_WRONG_PASSWORD)', async () => {
    scryptCalls.count = 0;
    const error = await decryptEnvelope(envelope(32768, 8, 1), new Uint8Array()).catch((e: unknown) => e);
    expect((error as InstanceType<typeof KeyError>).code).toBe('KEY_WRONG_PASSWORD');
    expect(scryptCalls.count).toBe(1);
  });
});

describe('salt length guard', () => {
  it.each([1025, 4096, 1 << 20])('refuses a %i-byte salt with KEY_KDF_PARAMS without running scrypt', async (length) => {
    scryptCalls.count = 0;
    const error = await decryptEnvelope(envelope(32768, 8, 1, length), new Uint8Array()).catch((e: unknown) => e);
    expect((error as InstanceType<typeof KeyError>).code).toBe('KEY_KDF_PARAMS');
    expect((error as Error).message).toContain(`salt of ${length} bytes, more than 1024`);
    expect(scryptCalls.count).toBe(0);
  });

  it('accepts a 1024-byte salt (the limit) and runs scrypt', async () => {
    scryptCalls.count = 0;
    const error = await decryptEnvelope(envelope(32768, 8, 1, 1024), new Uint8Array()).catch((e: unknown) => e);
    expect((error as InstanceType<typeof KeyError>).code).toBe('KEY_WRONG_PASSWORD');
    expect(scryptCalls.count).toBe(1);
  });
});
