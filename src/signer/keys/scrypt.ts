/**
 * scrypt (RFC 7914) for key decryption and encryption: PBKDF2-HMAC-SHA256 from node:crypto for the
 * outer steps, ROMix in the WebAssembly SIMD module of `scrypt-wasm-module.ts`, run in slices of a
 * few milliseconds with a turn of the event loop between them, so network I/O started before a key
 * is decrypted keeps flowing while it is. Where WebAssembly SIMD is missing, node:crypto's scrypt
 * (OpenSSL, on the libuv thread pool) does the whole job.
 *
 * Why not node:crypto alone: OpenSSL's Salsa20/8 is scalar C; the vector version is measurably
 * faster (see bench/), and key decryption is on the path of every `signet sign`.
 *
 * Memory: each call allocates its own 128·r·(N + 2)-byte WebAssembly memory (so concurrent calls
 * never share state), mapped ahead and wiped with zeros after use by `scrypt-memory.ts`; the PBKDF2
 * intermediate is zeroed before returning or throwing.
 */
import { pbkdf2Sync } from 'node:crypto';

import { KeyError } from './errors.js';
import { allocateWorkingMemory, type WorkingMemory } from './scrypt-memory.js';
import { SALSA_DIAGONAL_ORDER, scryptModuleBytes } from './scrypt-wasm-module.js';
import { nodeCryptoScrypt } from './scrypt-node.js';

/** scrypt cost parameters. */
export interface ScryptCost {
  /** CPU/memory cost, a power of two greater than 1. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/** Which implementation {@link scryptKey} uses in this process. */
export type ScryptImplementation = 'wasm-simd' | 'node-crypto';

/**
 * Bytes of blocks per slice between event-loop turns: ROMix's first loop writes 1 MiB per slice
 * (≈ 1 ms; also the unit of memory mapped ahead), the second reads 4096 blocks of r = 8 (≈ 4 ms).
 */
const FILL_SLICE_BYTES = 1024 * 1024;
const MIX_SLICE_BYTES = 4096 * 1024;

interface RomixExports {
  readonly f: (p: number, count: number, r: number) => void;
  readonly m: (x: number, y: number, v: number, mask: number, r: number, count: number) => void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where the engine lacks WebAssembly SIMD. */
function romixModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = scryptModuleBytes();
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** The implementation {@link scryptKey} picks here; `SIGNET_SCRYPT=node` forces node:crypto. */
export function scryptImplementation(): ScryptImplementation {
  return process.env.SIGNET_SCRYPT !== 'node' && romixModule() ? 'wasm-simd' : 'node-crypto';
}

/**
 * Derives `length` bytes with scrypt. Parameter ranges are the caller's job (the envelope parser
 * accepts only cosign's three cost sets); this only checks that the structure is valid.
 *
 * @throws {@link KeyError} `KEY_KDF_PARAMS` for a malformed cost; node:crypto's error where it runs and fails
 *
 * @param implementation - which implementation to use
 * @default implementation the result of {@link scryptImplementation}
 */
export async function scryptKey(
  password: Uint8Array,
  salt: Uint8Array,
  cost: ScryptCost,
  length: number,
  implementation: ScryptImplementation = scryptImplementation(),
): Promise<Uint8Array> {
  const { N, r, p } = cost;
  if (!(Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0 && Number.isInteger(r) && r > 0 && Number.isInteger(p) && p > 0)) {
    throw new KeyError('KEY_KDF_PARAMS', `scrypt cost N=${N} r=${r} p=${p} is not valid: N must be a power of two above 1 and r, p positive integers; use one of cosign's sets`);
  }
  const module = implementation === 'wasm-simd' ? romixModule() : null;
  if (!module) return nodeCryptoScrypt(password, salt, cost, length);
  const blockBytes = 128 * r;
  let work: WorkingMemory;
  try {
    // slice k of loop 1 writes blocks kS + 1 … kS + S: the main thread maps slice 0's itself, and
    // the regions line up with the slices' ends, so slice k waits for the region read during slice k − 1
    const slice = sliceBlocks(FILL_SLICE_BYTES, blockBytes);
    work = allocateWorkingMemory((N + 2) * blockBytes, (slice + 1) * blockBytes, slice * blockBytes);
  } catch {
    // no room for a WebAssembly memory this size (an address-space limit, say): OpenSSL mallocs instead
    return nodeCryptoScrypt(password, salt, cost, length);
  }
  let b: Uint8Array | undefined;
  try {
    const derived = pbkdf2Sync(password, salt, 1, p * blockBytes, 'sha256');
    // a copy with its own 4-byte-aligned buffer, for the Uint32Array views
    b = new Uint8Array(derived);
    derived.fill(0);
    const romix = new WebAssembly.Instance(module, { e: { m: work.memory } }).exports as unknown as RomixExports;
    for (let i = 0; i < p; i += 1) await romixInPlace(romix, work, b.subarray(i * blockBytes, (i + 1) * blockBytes), N, r);
    return new Uint8Array(pbkdf2Sync(password, b, 1, length, 'sha256'));
  } finally {
    work.wipe();
    b?.fill(0);
  }
}

/** Blocks per slice: a power of two (so a slice never splits N unevenly), at least 2. */
function sliceBlocks(sliceBytes: number, blockBytes: number): number {
  return Math.max(2, 2 ** Math.floor(Math.log2(sliceBytes / blockBytes)));
}

/** B ← ROMix(B): V at offset 0, X right after V (so loop 1 ends by writing X), Y after X. */
async function romixInPlace(romix: RomixExports, work: WorkingMemory, block: Uint8Array, N: number, r: number): Promise<void> {
  const blockBytes = 128 * r;
  const source = new Uint32Array(block.buffer, block.byteOffset, blockBytes / 4);
  permute(source, new Uint32Array(work.memory.buffer), 0, true);
  const fillSlice = sliceBlocks(FILL_SLICE_BYTES, blockBytes);
  for (let done = 0; done < N; done += fillSlice) {
    const count = Math.min(fillSlice, N - done);
    await work.mapped((done + count + 1) * blockBytes);
    romix.f(done * blockBytes, count, r);
    await turn();
  }
  // no read may still be writing zeros when loop 2 starts using Y
  await work.mapped(work.memory.buffer.byteLength);
  const x = N * blockBytes;
  const mixSlice = sliceBlocks(MIX_SLICE_BYTES, blockBytes);
  for (let done = 0; done < N; done += mixSlice) {
    romix.m(x, x + blockBytes, 0, N - 1, r, Math.min(mixSlice, N - done));
    // the last slice returns to the caller without an extra turn
    if (done + mixSlice < N) await turn();
  }
  permute(source, new Uint32Array(work.memory.buffer), x / 4, false);
}

/** Copies a block between byte order and the module's diagonal word order (word moves only, so host endianness does not matter). */
function permute(block: Uint32Array, words: Uint32Array, at: number, inward: boolean): void {
  for (let base = 0; base < block.length; base += 16) {
    for (let k = 0; k < 16; k += 1) {
      const original = base + SALSA_DIAGONAL_ORDER[k]!;
      if (inward) words[at + base + k] = block[original]!;
      else block[original] = words[at + base + k]!;
    }
  }
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
