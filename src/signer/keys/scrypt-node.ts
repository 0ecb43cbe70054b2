/**
 * scrypt by node:crypto (OpenSSL) on the libuv thread pool: the fallback of `scrypt.ts` where
 * WebAssembly SIMD is missing, and what a derivation started at launch runs (`scrypt-ahead.ts`),
 * beside the main thread. Its own module so that the launcher loads no WebAssembly code.
 */
import { scrypt as nodeScrypt } from 'node:crypto';

import type { ScryptParams } from './envelope.js';

/** `length` bytes of scrypt(password, salt, cost); the cost is the caller's to check. */
export function nodeCryptoScrypt(password: Uint8Array, salt: Uint8Array, { N, r, p }: ScryptParams, length: number): Promise<Uint8Array> {
  // scrypt needs 128·N·r bytes; doubling leaves room for OpenSSL's own bookkeeping.
  const maxmem = 2 * 128 * N * r * p + 1024 * 1024;
  return new Promise((resolve, reject) => {
    nodeScrypt(password, salt, length, { N, r, p, maxmem }, (err, key) => {
      if (err) reject(err);
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
    });
  });
}
