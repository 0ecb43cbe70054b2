import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { CliError } from './errors.js';
import type { CliIo } from './io.js';

/** Reads a file named on the command line, with a one-line error naming the flag. */
export async function readInputFile(io: CliIo, path: string, flag: string): Promise<{ path: string; text: string }> {
  const absolute = resolve(io.cwd, path);
  try {
    return { path: absolute, text: await readFile(absolute, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it';
    throw new CliError('CLI_FILE', `${reason} (${absolute}); check --${flag}`, { cause: error });
  }
}
