/**
 * The scrypt working memory: mapping ahead never overwrites what the caller wrote before waiting
 * for it, and a wipe leaves only zeros.
 */
import { describe, expect, it } from 'vitest';

import { allocateWorkingMemory } from '../../../src/signer/keys/scrypt-memory.js';

const MIB = 1024 * 1024;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('allocateWorkingMemory', () => {
  it('maps region after region without touching a region the caller has waited for and written', async () => {
    const work = allocateWorkingMemory(8 * MIB + 2048, MIB, MIB);
    const bytes = new Uint8Array(work.memory.buffer);
    expect(bytes.length).toBeGreaterThanOrEqual(8 * MIB + 2048);
    // below `from` nothing is mapped ahead, so there is nothing to wait for
    await work.mapped(MIB);
    bytes.fill(7, 0, MIB);
    for (let end = 2 * MIB; end <= bytes.length; end += MIB) {
      await work.mapped(end);
      bytes.fill(7, end - MIB, end);
    }
    await work.mapped(bytes.length);
    bytes.fill(7);
    // everything mapped: nothing is still writing zeros
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bytes.every((byte) => byte === 7)).toBe(true);
    work.wipe();
    await until(() => bytes.every((byte) => byte === 0));
    expect(bytes.every((byte) => byte === 0)).toBe(true);
  });
});
