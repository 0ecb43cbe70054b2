/**
 * Writing the CLI's output straight to file descriptors 1 and 2. `process.stdout` and
 * `process.stderr` are streams that Node builds on first use, loading its stream modules: about 4 ms
 * of a `signet` run that prints one line (a tenth of Node's own start; docs/benchmarks.md). A
 * synchronous write also leaves nothing buffered when the process ends.
 */
import { writeSync } from 'node:fs';

/** How long to wait before writing again to a full non-blocking pipe, in milliseconds. */
const FULL_PIPE_WAIT_MS = 1;

/** A writer of all of each text to `fd`, in order. */
export function fdWriter(fd: number): (text: string) => void {
  let closed = false;
  return (text) => {
    if (closed || text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // the reader went away (`signet lint … | head`): the rest has nobody to read it
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        // a non-blocking pipe whose reader is slower than us: wait for room, as a blocking write would
        if (code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FULL_PIPE_WAIT_MS);
      }
    }
  };
}
