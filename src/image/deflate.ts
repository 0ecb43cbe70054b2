/**
 * A small, portable DEFLATE encoder (RFC 1951) whose output depends only on its input.
 *
 * Why not `node:zlib`: Node bundles Chromium's zlib, whose match finder hashes with CRC32C when
 * the CPU has SSE4.2+PCLMUL (or Arm CRC32) and with the classic rolling hash otherwise, so the same
 * bytes can compress differently on different machines, and differently again when a Node release
 * updates zlib. The signer's layer must have the same digest everywhere, so it is compressed here:
 * greedy LZ77 over a 32 KiB window with bounded hash chains, then one dynamic-Huffman block per
 * {@link BLOCK_SYMBOLS} symbols. Every choice (hash, chain limit, tie-breaks, block split) is fixed.
 */

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
/** Candidates tried per position; more compresses a little better and costs time. */
const MAX_CHAIN = 128;
/** Symbols per block, so each block's Huffman tables follow the local statistics. */
const BLOCK_SYMBOLS = 1 << 15;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which code-length code lengths are stored (RFC 1951 §3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const LENGTH_CODE = new Uint16Array(MAX_MATCH + 1);
for (let code = 0; code < LENGTH_BASE.length; code++) {
  for (let len = LENGTH_BASE[code]!; len < LENGTH_BASE[code]! + (1 << LENGTH_EXTRA[code]!) && len <= MAX_MATCH; len++) {
    LENGTH_CODE[len] = code;
  }
}
// 258 has its own code (285) even though code 284's range would reach it.
LENGTH_CODE[MAX_MATCH] = 28;

/** Compresses `input` as a raw DEFLATE stream (no zlib or gzip framing). */
export function deflateRawPortable(input: Uint8Array): Uint8Array {
  const out = new BitWriter(input.length / 2 + 1024);
  const symbols = lz77(input);
  if (symbols.length === 0) {
    writeBlock(out, [], 0, 0, true);
  }
  for (let start = 0; start < symbols.length; start += BLOCK_SYMBOLS) {
    const end = Math.min(symbols.length, start + BLOCK_SYMBOLS);
    writeBlock(out, symbols, start, end, end === symbols.length);
  }
  return out.finish();
}

/**
 * One LZ77 symbol packed in a number: a literal byte (`< 256`), or `256 + (length << 16 | distance)`
 * shifted so literals and matches never collide.
 */
type Symbol = number;
const MATCH_FLAG = 0x1000000000; // 2^36: above any literal, below 2^53.

function lz77(input: Uint8Array): Symbol[] {
  const symbols: Symbol[] = [];
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const n = input.length;
  const hashAt = (i: number): number => ((input[i]! << 10) ^ (input[i + 1]! << 5) ^ input[i + 2]!) & ((1 << HASH_BITS) - 1);
  const insert = (i: number): number => {
    const h = hashAt(i);
    const candidate = head[h]!;
    prev[i & (WINDOW - 1)] = candidate;
    head[h] = i;
    return candidate;
  };
  let i = 0;
  while (i < n) {
    if (i + MIN_MATCH > n) {
      symbols.push(input[i]!);
      i++;
      continue;
    }
    let candidate = insert(i);
    let bestLength = 0;
    let bestDistance = 0;
    const maxLength = Math.min(MAX_MATCH, n - i);
    for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
      if (input[candidate + bestLength] === input[i + bestLength]) {
        let length = 0;
        while (length < maxLength && input[candidate + length] === input[i + length]) length++;
        if (length > bestLength) {
          bestLength = length;
          bestDistance = i - candidate;
          if (length === maxLength) break;
        }
      }
      const next = prev[candidate & (WINDOW - 1)]!;
      // a slot overwritten by a newer position means the chain left the window
      if (next >= candidate) break;
      candidate = next;
    }
    if (bestLength >= MIN_MATCH) {
      symbols.push(MATCH_FLAG + bestLength * 65536 + bestDistance);
      for (let j = i + 1; j < i + bestLength && j + MIN_MATCH <= n; j++) insert(j);
      i += bestLength;
    } else {
      symbols.push(input[i]!);
      i++;
    }
  }
  return symbols;
}

function distanceCode(distance: number): number {
  let code = 0;
  while (code < 29 && DIST_BASE[code + 1]! <= distance) code++;
  return code;
}

function writeBlock(out: BitWriter, symbols: readonly Symbol[], start: number, end: number, final: boolean): void {
  const litFreq = new Uint32Array(286);
  const distFreq = new Uint32Array(30);
  for (let s = start; s < end; s++) {
    const sym = symbols[s]!;
    if (sym < MATCH_FLAG) {
      litFreq[sym]!++;
    } else {
      const v = sym - MATCH_FLAG;
      litFreq[257 + LENGTH_CODE[Math.floor(v / 65536)]!]!++;
      distFreq[distanceCode(v % 65536)]!++;
    }
  }
  litFreq[256] = 1;
  ensureTwoSymbols(litFreq);
  ensureTwoSymbols(distFreq);
  const litLengths = huffmanLengths(litFreq, 15);
  const distLengths = huffmanLengths(distFreq, 15);
  const hlit = Math.max(257, lastNonZero(litLengths) + 1);
  const hdist = Math.max(1, lastNonZero(distLengths) + 1);

  const runs = encodeCodeLengths([...litLengths.subarray(0, hlit), ...distLengths.subarray(0, hdist)]);
  const clFreq = new Uint32Array(19);
  for (const [symbol] of runs) clFreq[symbol]!++;
  ensureTwoSymbols(clFreq);
  const clLengths = huffmanLengths(clFreq, 7);
  let hclen = 19;
  while (hclen > 4 && clLengths[CL_ORDER[hclen - 1]!] === 0) hclen--;

  out.bits(final ? 1 : 0, 1);
  out.bits(2, 2); // dynamic Huffman
  out.bits(hlit - 257, 5);
  out.bits(hdist - 1, 5);
  out.bits(hclen - 4, 4);
  for (let k = 0; k < hclen; k++) out.bits(clLengths[CL_ORDER[k]!]!, 3);
  const clCodes = canonicalCodes(clLengths);
  for (const [symbol, extra] of runs) {
    out.bits(clCodes[symbol]!, clLengths[symbol]!);
    if (symbol === 16) out.bits(extra, 2);
    else if (symbol === 17) out.bits(extra, 3);
    else if (symbol === 18) out.bits(extra, 7);
  }

  const litCodes = canonicalCodes(litLengths);
  const distCodes = canonicalCodes(distLengths);
  for (let s = start; s < end; s++) {
    const sym = symbols[s]!;
    if (sym < MATCH_FLAG) {
      out.bits(litCodes[sym]!, litLengths[sym]!);
      continue;
    }
    const v = sym - MATCH_FLAG;
    const length = Math.floor(v / 65536);
    const distance = v % 65536;
    const lc = LENGTH_CODE[length]!;
    out.bits(litCodes[257 + lc]!, litLengths[257 + lc]!);
    out.bits(length - LENGTH_BASE[lc]!, LENGTH_EXTRA[lc]!);
    const dc = distanceCode(distance);
    out.bits(distCodes[dc]!, distLengths[dc]!);
    out.bits(distance - DIST_BASE[dc]!, DIST_EXTRA[dc]!);
  }
  out.bits(litCodes[256]!, litLengths[256]!);
}

/** A code with one symbol is "incomplete", which some inflaters reject; give every tree two. */
function ensureTwoSymbols(freq: Uint32Array): void {
  for (let s = 0; s < freq.length && freq.filter((f) => f > 0).length < 2; s++) {
    if (freq[s] === 0) freq[s] = 1;
  }
}

function lastNonZero(lengths: Uint8Array): number {
  let last = -1;
  lengths.forEach((l, s) => { if (l > 0) last = s; });
  return last;
}

/**
 * Huffman code lengths no longer than `limit`. Ties break by symbol number, and when a tree is too
 * deep the frequencies are halved (keeping every used symbol at least 1) and the tree rebuilt.
 */
function huffmanLengths(freq: Uint32Array, limit: number): Uint8Array {
  let weights = Array.from(freq);
  for (;;) {
    const lengths = huffmanTree(weights);
    if (lengths.every((l) => l <= limit)) return lengths;
    weights = weights.map((w) => (w === 0 ? 0 : Math.max(1, w >>> 1)));
  }
}

function huffmanTree(weights: readonly number[]): Uint8Array {
  const lengths = new Uint8Array(weights.length);
  // two-queue construction over leaves sorted by (weight, symbol): deterministic by design
  const leaves = weights.map((w, s) => ({ w, s })).filter((x) => x.w > 0).sort((a, b) => a.w - b.w || a.s - b.s);
  const parent: number[] = [];
  const nodeWeight: number[] = leaves.map((l) => l.w);
  const merged: number[] = [];
  let li = 0;
  let mi = 0;
  const takeSmallest = (): number => {
    if (li < leaves.length && (mi >= merged.length || nodeWeight[li]! <= nodeWeight[merged[mi]!]!)) return li++;
    return merged[mi++]!;
  };
  while (leaves.length - li + merged.length - mi > 1) {
    const a = takeSmallest();
    const b = takeSmallest();
    const node = nodeWeight.length;
    nodeWeight.push(nodeWeight[a]! + nodeWeight[b]!);
    parent[a] = node;
    parent[b] = node;
    merged.push(node);
  }
  leaves.forEach((leaf, index) => {
    let depth = 0;
    for (let n = index; parent[n] !== undefined; n = parent[n]!) depth++;
    lengths[leaf.s] = depth;
  });
  return lengths;
}

/** Canonical codes (RFC 1951 §3.2.2), bit-reversed because DEFLATE packs Huffman codes from the top bit. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const l of lengths) if (l > 0) count[l]!++;
  const next = new Uint16Array(16);
  let code = 0;
  for (let bits = 1; bits <= 15; bits++) {
    code = (code + count[bits - 1]!) << 1;
    next[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  lengths.forEach((l, s) => {
    if (l === 0) return;
    let c = next[l]!++;
    let reversed = 0;
    for (let b = 0; b < l; b++) { reversed = (reversed << 1) | (c & 1); c >>= 1; }
    codes[s] = reversed;
  });
  return codes;
}

/** Run-length codes the code lengths with symbols 16 (repeat previous), 17 and 18 (runs of zeros). */
function encodeCodeLengths(lengths: readonly number[]): Array<[symbol: number, extra: number]> {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < lengths.length;) {
    const l = lengths[i]!;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === l) run++;
    if (l === 0 && run >= 3) {
      const take = Math.min(run, 138);
      runs.push(take >= 11 ? [18, take - 11] : [17, take - 3]);
      i += take;
    } else if (l !== 0 && run >= 4) {
      runs.push([l, 0]);
      const take = Math.min(run - 1, 6);
      runs.push([16, take - 3]);
      i += 1 + take;
    } else {
      runs.push([l, 0]);
      i++;
    }
  }
  return runs;
}

/** Least-significant-bit-first bit packing, as DEFLATE requires. */
class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private acc = 0;
  private accBits = 0;

  public constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(64, Math.ceil(capacity)));
  }

  public bits(value: number, count: number): void {
    if (count === 0) return;
    this.acc |= value << this.accBits;
    this.accBits += count;
    while (this.accBits >= 8) {
      this.byte(this.acc & 0xff);
      this.acc >>>= 8;
      this.accBits -= 8;
    }
  }

  public finish(): Uint8Array {
    if (this.accBits > 0) this.byte(this.acc & 0xff);
    this.acc = 0;
    this.accBits = 0;
    return this.buffer.subarray(0, this.length);
  }

  private byte(b: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = b;
  }
}
