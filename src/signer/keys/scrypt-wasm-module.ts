/**
 * Emits, at run time, the bytes of a small WebAssembly module with scrypt's ROMix inner loops
 * (BlockMix over Salsa20/8) written with 128-bit SIMD instructions. Nothing here is generated
 * from outside data and no binary is committed: the module is this file's output.
 *
 * Layout (the classic SSE2 Salsa20 arrangement): inside the module every 64-byte Salsa20 block
 * has its 16 words permuted to the diagonals `(x0 x5 x10 x15) (x4 x9 x14 x3) (x8 x13 x2 x7)
 * (x12 x1 x6 x11)`, so a column round is four lane-wise vector steps and the row round needs only
 * lane rotations of three vectors. XOR and addition are lane-wise, so BlockMix runs on permuted
 * blocks unchanged; the caller permutes on the way in and back on the way out
 * ({@link SALSA_DIAGONAL_ORDER}). Word 0 stays in place, which is what scrypt's Integerify reads.
 *
 * Exports (pointers are byte offsets into the imported memory `e.m`; a block is 128·r bytes):
 * - `f(p, count, r)`: `count` times, block[p + 128·r] = BlockMix(block[p]) and p moves on one
 *   block (ROMix's first loop, writing V in place).
 * - `m(x, y, v, mask, r, count)`: `count` times, j = Integerify(X) & mask; Y = X ^ V[j];
 *   X = BlockMix(Y) (ROMix's second loop; Y is scratch).
 */

/** Word order of a 64-byte Salsa20 block inside the module: position k holds word `SALSA_DIAGONAL_ORDER[k]`. */
export const SALSA_DIAGONAL_ORDER: readonly number[] = [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11];

const I32 = 0x7f;
const V128 = 0x7b;
const VOID_BLOCK = 0x40;
const LOOP = 0x03;
const END = 0x0b;
const BR_IF = 0x0d;
const CALL = 0x10;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_LOAD = 0x28;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_AND = 0x71;
const I32_SHL = 0x74;
// SIMD instructions: the 0xfd prefix, then the sub-opcode as LEB128 (two bytes from 0x80 on);
// i8x16.shuffle 0x0d, v128.or 0x50, i32x4.shl 0xab, i32x4.shr_u 0xad are written out in Code.
const V128_LOAD = [0xfd, 0x00];
const V128_STORE = [0xfd, 0x0b];
const V128_XOR = [0xfd, 0x51];
const I32X4_ADD = [0xfd, 0xae, 0x01];

/** Appends instructions to one growing byte array (no intermediate arrays: this runs on every cold start). */
class Code {
  public readonly bytes: number[] = [];

  public raw(...values: number[]): this {
    this.bytes.push(...values);
    return this;
  }

  /** Appends another Code's bytes (a spread push: element-wise loops are slow before V8 optimises them). */
  public append(other: Code): this {
    this.bytes.push(...other.bytes);
    return this;
  }

  public op(opcode: readonly number[]): this {
    for (const value of opcode) this.bytes.push(value);
    return this;
  }

  public uleb(value: number): this {
    let rest = value >>> 0;
    for (;;) {
      const byte = rest & 0x7f;
      rest >>>= 7;
      if (rest === 0) return this.raw(byte);
      this.bytes.push(byte | 0x80);
    }
  }

  public get(local: number): this {
    return this.raw(LOCAL_GET).uleb(local);
  }

  public set(local: number): this {
    return this.raw(LOCAL_SET).uleb(local);
  }

  public tee(local: number): this {
    return this.raw(LOCAL_TEE).uleb(local);
  }

  /** i32.const of a non-negative value (signed LEB128: a byte with bit 6 set needs a following 0). */
  public i32(value: number): this {
    this.raw(I32_CONST);
    let rest = value >>> 0;
    for (;;) {
      const byte = rest & 0x7f;
      rest >>>= 7;
      if (rest === 0 && (byte & 0x40) === 0) return this.raw(byte);
      this.bytes.push(byte | 0x80);
    }
  }

  /** v128.load with the 16-byte alignment hint and a constant offset below 128. */
  public load(offset: number): this {
    return this.op(V128_LOAD).raw(4, offset);
  }

  public store(offset: number): this {
    return this.op(V128_STORE).raw(4, offset);
  }

  /** Moves the 32-bit lanes of a local vector (index < 128): result lane k = input lane `lanes[k]`. */
  public rotateLanes(local: number, [l0, l1, l2, l3]: readonly [number, number, number, number]): this {
    const [b0, b1, b2, b3] = [l0 * 4, l1 * 4, l2 * 4, l3 * 4];
    this.bytes.push(LOCAL_GET, local, LOCAL_GET, local, 0xfd, 0x0d);
    this.bytes.push(b0, b0 + 1, b0 + 2, b0 + 3, b1, b1 + 1, b1 + 2, b1 + 3, b2, b2 + 1, b2 + 2, b2 + 3, b3, b3 + 1, b3 + 2, b3 + 3);
    this.bytes.push(LOCAL_SET, local);
    return this;
  }

  /** `target ^= rotl(x + y, bits)` on four lanes at once (locals < 128, so one-byte indices). */
  public step(target: number, x: number, y: number, bits: number, tmp: number): this {
    // local.get target; i32x4.add(x, y); local.tee tmp; i32x4.shl bits; i32x4.shr_u(tmp, 32 − bits); v128.or; v128.xor; local.set target
    this.bytes.push(LOCAL_GET, target, LOCAL_GET, x, LOCAL_GET, y, 0xfd, 0xae, 0x01, LOCAL_TEE, tmp, I32_CONST, bits, 0xfd, 0xab, 0x01);
    this.bytes.push(LOCAL_GET, tmp, I32_CONST, 32 - bits, 0xfd, 0xad, 0x01, 0xfd, 0x50, 0xfd, 0x51, LOCAL_SET, target);
    return this;
  }
}

/** One Salsa20 double round on the state in locals a, b, c, d (diagonal layout). */
function doubleRound(code: Code, [a, b, c, d]: readonly number[], tmp: number): void {
  // column round: the diagonals line each column up lane by lane
  code.step(b!, a!, d!, 7, tmp).step(c!, b!, a!, 9, tmp).step(d!, c!, b!, 13, tmp).step(a!, d!, c!, 18, tmp);
  // row round: rotate b, c, d so that each row's words share a lane, then rotate them back
  code.rotateLanes(b!, [3, 0, 1, 2]).rotateLanes(c!, [2, 3, 0, 1]).rotateLanes(d!, [1, 2, 3, 0]);
  code.step(d!, a!, b!, 7, tmp).step(c!, d!, a!, 9, tmp).step(b!, c!, d!, 13, tmp).step(a!, b!, c!, 18, tmp);
  code.rotateLanes(b!, [1, 2, 3, 0]).rotateLanes(c!, [2, 3, 0, 1]).rotateLanes(d!, [3, 0, 1, 2]);
}

interface WasmFunction {
  readonly params: number;
  /** (count, type) pairs. */
  readonly locals: ReadonlyArray<readonly [number, number]>;
  readonly code: Code;
}

/**
 * BlockMix_salsa20/8(in, out, r): X = in[2r−1]; for each 64-byte input block, X = Salsa20/8(X ^ block),
 * written alternately to the first and the second half of `out`. The double round is a loop, not
 * unrolled: the same speed (measured), and an eighth of the code for V8's optimising compiler to get through
 * before it replaces the baseline code (which runs until then, several times slower).
 */
function blockMix(): WasmFunction {
  const [inp, out, r] = [0, 1, 2];
  const state = [3, 4, 5, 6];
  const [saved, tmp] = [7, 11];
  const [destination, other, left, rounds, swap] = [12, 13, 14, 15, 16];
  const code = new Code();
  // X = the last 64-byte block of the input, at in + 128·r − 64
  for (let k = 0; k < 4; k += 1) code.get(inp).get(r).i32(7).raw(I32_SHL, I32_ADD).i32(64).raw(I32_SUB).load(16 * k).set(state[k]!);
  code.get(out).set(destination);
  code.get(out).get(r).i32(6).raw(I32_SHL, I32_ADD).set(other);
  code.get(r).i32(1).raw(I32_SHL).set(left);
  code.raw(LOOP, VOID_BLOCK);
  for (let k = 0; k < 4; k += 1) code.get(state[k]!).get(inp).load(16 * k).op(V128_XOR).tee(state[k]!).set(saved + k);
  code.i32(4).set(rounds);
  code.raw(LOOP, VOID_BLOCK);
  doubleRound(code, state, tmp);
  code.get(rounds).i32(1).raw(I32_SUB).tee(rounds).raw(BR_IF, 0, END);
  for (let k = 0; k < 4; k += 1) code.get(state[k]!).get(saved + k).op(I32X4_ADD).set(state[k]!);
  for (let k = 0; k < 4; k += 1) code.get(destination).get(state[k]!).store(16 * k);
  code.get(inp).i32(64).raw(I32_ADD).set(inp);
  // even outputs to the first half, odd ones to the second: swap the two write pointers
  code.get(destination).i32(64).raw(I32_ADD).set(swap).get(other).set(destination).get(swap).set(other);
  code.get(left).i32(1).raw(I32_SUB).tee(left).raw(BR_IF, 0, END);
  return { params: 3, locals: [[9, V128], [5, I32]], code };
}

/** ROMix loop 1: f(p, count, r). */
function fill(): WasmFunction {
  const [p, count, r, bs, next] = [0, 1, 2, 3, 4];
  const code = new Code();
  code.get(r).i32(7).raw(I32_SHL).set(bs);
  code.raw(LOOP, VOID_BLOCK);
  code.get(p).get(p).get(bs).raw(I32_ADD).tee(next).get(r).raw(CALL, 0);
  code.get(next).set(p);
  code.get(count).i32(1).raw(I32_SUB).tee(count).raw(BR_IF, 0, END);
  return { params: 3, locals: [[2, I32]], code };
}

/**
 * ROMix loop 2: m(x, y, v, mask, r, count). XOR-ing X and V[j] into Y in a pass of its own, before
 * BlockMix, lets the CPU fetch all of V[j]'s cache lines at once instead of one per Salsa step
 * (measured: about a fifth faster than XOR-ing inside BlockMix).
 */
function mix(): WasmFunction {
  const [x, y, v, mask, r, count, bs, vj, k] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const code = new Code();
  code.get(r).i32(7).raw(I32_SHL).set(bs);
  code.raw(LOOP, VOID_BLOCK);
  // j = the first word of X's last 64-byte block (little-endian), masked to N − 1
  code.get(v).get(x).get(bs).raw(I32_ADD).i32(64).raw(I32_SUB, I32_LOAD, 2, 0);
  code.get(mask).raw(I32_AND).get(bs).raw(I32_MUL, I32_ADD).set(vj);
  code.i32(0).set(k);
  code.raw(LOOP, VOID_BLOCK);
  for (const offset of [0, 16, 32, 48]) {
    code.get(y).get(k).raw(I32_ADD).get(x).get(k).raw(I32_ADD).load(offset).get(vj).get(k).raw(I32_ADD).load(offset).op(V128_XOR).store(offset);
  }
  code.get(k).i32(64).raw(I32_ADD).tee(k).get(bs).raw(I32_SUB, BR_IF, 0, END);
  code.get(y).get(x).get(r).raw(CALL, 0);
  code.get(count).i32(1).raw(I32_SUB).tee(count).raw(BR_IF, 0, END);
  return { params: 6, locals: [[3, I32]], code };
}

/** The module's bytes; it imports its memory as `e.m` (at least one page). */
export function scryptModuleBytes(): Uint8Array<ArrayBuffer> {
  const functions = [blockMix(), fill(), mix()];
  const arities = [3, 6];
  const out = new Code();
  const section = (id: number, content: Code): void => void out.raw(id).uleb(content.bytes.length).append(content);
  const name = (code: Code, text: string): Code => code.uleb(text.length).raw(...Array.from(text, (ch) => ch.charCodeAt(0)));

  out.raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  const types = new Code().uleb(arities.length);
  for (const arity of arities) types.raw(0x60).uleb(arity).raw(...Array<number>(arity).fill(I32)).raw(0);
  section(1, types);
  section(2, name(name(new Code().uleb(1), 'e'), 'm').raw(0x02, 0x00).uleb(1));
  const declarations = new Code().uleb(functions.length);
  for (const fn of functions) declarations.uleb(arities.indexOf(fn.params));
  section(3, declarations);
  section(7, name(name(new Code().uleb(2), 'f').raw(0x00, 1), 'm').raw(0x00, 2));
  const bodies = new Code().uleb(functions.length);
  for (const fn of functions) {
    const body = new Code().uleb(fn.locals.length);
    for (const [count, type] of fn.locals) body.uleb(count).raw(type);
    body.append(fn.code).raw(END);
    bodies.uleb(body.bytes.length).append(body);
  }
  section(10, bodies);
  return new Uint8Array(out.bytes);
}
