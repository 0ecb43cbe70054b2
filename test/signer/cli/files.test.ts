import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { readBoundedFile } from '../../../src/signer/cli/files.js';
import { readPassword } from '../../../src/signer/cli/password.js';
import type { CliIo } from '../../../src/signer/cli/io.js';
import { tempDir } from '../../helpers/temp-dir.js';

const dir = tempDir('signet-files-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readBoundedFile', () => {
  it('reads a small file whole', async () => {
    writeFileSync(join(dir, 'small'), 'abc');
    expect((await readBoundedFile(join(dir, 'small'), 10)).toString()).toBe('abc');
    expect((await readBoundedFile(join(dir, 'small'))).toString()).toBe('abc');
  });

  it('reads one byte past the limit of a larger file, or of an endless device, and no more', async () => {
    writeFileSync(join(dir, 'large'), Buffer.alloc(1000, 1));
    expect((await readBoundedFile(join(dir, 'large'), 10)).length).toBe(11);
    expect((await readBoundedFile('/dev/zero', 4096)).length).toBe(4097);
  });
});

describe('readPassword from a file', () => {
  const io = { cwd: dir, env: {}, stdinIsTty: false } as unknown as CliIo;
  const read = async (bytes: number[]): Promise<number[]> => {
    writeFileSync(join(dir, 'pw'), Uint8Array.from(bytes));
    return [...(await readPassword(io, 'pw', 'decrypt'))];
  };

  it('keeps every byte, UTF-8 or not, and drops one trailing LF or CRLF', async () => {
    expect(await read([0xff, 0x00, 0x80])).toEqual([0xff, 0x00, 0x80]);
    expect(await read([0xff, 0x0a])).toEqual([0xff]);
    expect(await read([0xff, 0x0d, 0x0a])).toEqual([0xff]);
    expect(await read([0xff, 0x0a, 0x0a])).toEqual([0xff, 0x0a]);
    expect(await read([0x0d])).toEqual([0x0d]);
    expect(await read([])).toEqual([]);
  });
});
