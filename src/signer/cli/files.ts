import { open } from 'node:fs/promises';
import { resolve } from 'node:path';

import { checkKeySize, MAX_KEY_FILE_BYTES } from '../keys/index.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';

/** Reads a file named on the command line, with a one-line error naming the flag. */
export async function readInputFile(io: CliIo, path: string, flag: string): Promise<{ path: string; text: string }> {
  const absolute = resolve(io.cwd, path);
  try {
    return { path: absolute, text: (await readBoundedFile(absolute)).toString('utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it';
    throw new CliError('CLI_FILE', `${reason} (${absolute}); check --${flag}`, { cause: error });
  }
}

/** Reads a key file named by `--key`, refusing one larger than any key file before it is parsed. */
export async function readKeyFile(io: CliIo, path: string, flag: string): Promise<{ path: string; text: string }> {
  const absolute = resolve(io.cwd, path);
  let bytes: Buffer;
  try {
    bytes = await readBoundedFile(absolute, MAX_KEY_FILE_BYTES);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it';
    throw new CliError('CLI_FILE', `${reason} (${absolute}); check --${flag}`, { cause: error });
  }
  checkKeySize(bytes, `key file ${absolute}`);
  return { path: absolute, text: bytes.toString('utf8') };
}

/**
 * The bytes of a file, or with `maxBytes` its first `maxBytes + 1` bytes when it is longer (so a
 * caller can tell "too large" from "fits"): a huge file or an endless device costs no more.
 */
export async function readBoundedFile(path: string, maxBytes?: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    if (maxBytes === undefined) return await handle.readFile();
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
