/**
 * The working memory of the WebAssembly scrypt (32 MiB for cosign's N=32768), with the two costs
 * that do not need the main thread moved to a libuv thread:
 *
 * - Mapping. Fresh memory costs a page fault per 4 KiB page on first write, together about a fifth
 *   of a derivation here. A thread-pool read of /dev/zero into the pages ahead of ROMix's first
 *   loop (which writes V from the start, in order) has the kernel map them on another core where
 *   one is free. The loop writes a region only after {@link WorkingMemory.mapped} says its read is
 *   done, so the zeros never land on data.
 * - Wiping. After use the memory is overwritten with zeros by the same kind of read, in the
 *   background (the memory stays referenced until the read completes), and synchronously with
 *   `fill(0)` where /dev/zero cannot be read.
 *
 * Where /dev/zero is missing (Windows) or a read fails, pages fault on first use as usual.
 */
import { close, openSync, read } from 'node:fs';

/** Fresh working memory; see the module comment. */
export interface WorkingMemory {
  /** The memory itself, for the WebAssembly instance's import. */
  readonly memory: WebAssembly.Memory;
  /** Resolves once every byte below `end` is mapped (at once where nothing is being mapped). */
  mapped(end: number): Promise<void>;
  /** Overwrites the whole memory with zeros, in the background where it can; call exactly once. */
  wipe(): void;
}

/**
 * Allocates `bytes` (rounded up to 64 KiB pages) and starts mapping it on a libuv thread, in
 * regions of `regionBytes` from `from` on (the bytes below `from` fault in on the main thread,
 * which writes them at once).
 */
export function allocateWorkingMemory(bytes: number, from: number, regionBytes: number): WorkingMemory {
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const view = new Uint8Array(memory.buffer);
  let fd: number | undefined;
  try {
    fd = openSync('/dev/zero', 'r');
  } catch {
    fd = undefined;
  }
  if (fd === undefined) {
    return { memory, mapped: () => Promise.resolve(), wipe: () => void view.fill(0) };
  }
  const zeroFd = fd;
  const regions: Array<{ end: number; done: Promise<boolean> }> = [];
  // one read at a time: a single thread-pool thread, the others stay free for the caller's I/O
  let previous = Promise.resolve(true);
  for (let start = from; start < view.length; start += regionBytes) {
    const end = Math.min(start + regionBytes, view.length);
    previous = previous.then(() => readZeros(zeroFd, view, start, end));
    regions.push({ end, done: previous });
  }
  const allMapped = previous;
  return {
    memory,
    mapped: async (end) => {
      if (end > from) await (regions.find((region) => region.end >= end)?.done ?? allMapped);
    },
    wipe: () => {
      void allMapped
        .then(() => readZeros(zeroFd, view, 0, view.length))
        .then((zeroed) => {
          if (!zeroed) view.fill(0);
          close(zeroFd, () => undefined);
        });
    },
  };
}

/** Reads /dev/zero into bytes[start, end): true when all of it was written; never rejects. */
function readZeros(fd: number, bytes: Uint8Array, start: number, end: number): Promise<boolean> {
  return new Promise((resolve) => {
    const next = (at: number): void => {
      if (at >= end) return resolve(true);
      read(fd, bytes, at, end - at, null, (err, count) => (err || count === 0 ? resolve(false) : next(at + count)));
    };
    next(start);
  });
}
