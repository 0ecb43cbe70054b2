import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

import { fdWriter } from '../../../src/signer/cli/fd-output.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** A FIFO in a fresh folder (a real pipe, so that EAGAIN and EPIPE come from the kernel). */
function fifo(): string {
  const path = join(tempDir('signet-fd-output-'), 'pipe');
  execFileSync('mkfifo', [path]);
  return path;
}

describe('fdWriter', () => {
  it('writes every byte, in order, UTF-8 included', () => {
    const file = join(tempDir('signet-fd-output-'), 'out');
    const fd = openSync(file, 'w');
    try {
      const write = fdWriter(fd);
      write('signet: ');
      write('');
      write('µs and → ok\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('signet: µs and → ok\n');
  });

  it('waits out a full non-blocking pipe (EAGAIN) instead of failing or dropping output', async () => {
    const path = fifo();
    const out = join(tempDir('signet-fd-output-'), 'copy');
    const reader = spawn('sh', ['-c', 'sleep 0.2; cat "$0" > "$1"', path, out], { stdio: 'ignore' });
    // a 1 MiB text: sixteen times what a Linux pipe holds
    const text = Array.from({ length: 16_384 }, (_, i) => `line ${String(i).padStart(58, '0')}\n`).join('');
    let fd: number | undefined;
    // a non-blocking open for writing fails (ENXIO) until the reader has opened its end
    while (fd === undefined) {
      try {
        fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
        await sleep(10);
      }
    }
    try {
      fdWriter(fd)(text);
    } finally {
      closeSync(fd);
    }
    await once(reader, 'exit');
    expect(readFileSync(out, 'utf8') === text).toBe(true);
  });

  it('stops quietly when the reader has gone (EPIPE): `signet lint … | head`', () => {
    const path = fifo();
    const readEnd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeEnd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(readEnd);
    try {
      const write = fdWriter(writeEnd);
      expect(() => write('nobody reads this\n')).not.toThrow();
      expect(() => write('nor this\n')).not.toThrow();
    } finally {
      closeSync(writeEnd);
    }
  });

  it('reports any other failure', () => {
    const file = join(tempDir('signet-fd-output-'), 'read-only');
    execFileSync('touch', [file]);
    const fd = openSync(file, 'r');
    try {
      expect(() => fdWriter(fd)('x')).toThrow(/EBADF/);
    } finally {
      closeSync(fd);
    }
  });
});
