/**
 * The first thing the CLI does: when the command line asks for a private key to be decrypted
 * (`sign`, `public-key`) and names where its password comes from (`--password-file` or
 * `COSIGN_PASSWORD`, as `password.ts` reads them), start the key's scrypt on the thread pool before
 * the rest of the CLI loads. scrypt is most of a first signature's time, and a Go binary starts it
 * a few milliseconds after launch; Node needs tens of milliseconds to reach the command's code.
 *
 * Nothing here reports an error or decides anything: what it cannot read or parse, the command reads
 * again and reports in its own words, and a derivation the command does not find identical (key
 * salt, cost, password bytes) is not used. Only regular files up to the commands' size limits are
 * read, synchronously, because the point is to start before the main thread gets busy.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { SIGNER_ENV, SIGNER_FLAGS } from '../../shared/constants.js';
// the modules themselves, not the keys barrel: what loads here delays the start of scrypt
import { startDecryptionAhead } from '../keys/decryption-ahead.js';
import { MAX_KEY_FILE_BYTES } from '../keys/pem.js';
import type { ScryptAhead } from '../keys/scrypt-ahead.js';
import { mayDecryptKey } from './key-ahead.js';
import { MAX_PASSWORD_FILE_BYTES, withoutTrailingNewline } from './password-bytes.js';

/**
 * Starts the scrypt derivation of the private key that `argv` (without `node` and the script) will
 * decrypt; undefined when there is none to start or anything is amiss.
 */
export function startKeyAhead(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): ScryptAhead | undefined {
  if (!mayDecryptKey(argv)) return undefined;
  const rest = argv.slice(1);
  let password: Uint8Array | undefined;
  try {
    // lenient: other flags and their values do not matter here, and a bad command line is the command's to report
    const { values } = parseArgs({
      args: rest,
      options: { [SIGNER_FLAGS.key]: { type: 'string' }, [SIGNER_FLAGS.passwordFile]: { type: 'string' } },
      strict: false,
      allowPositionals: true,
    });
    const keyPath = values[SIGNER_FLAGS.key];
    const passwordFile = values[SIGNER_FLAGS.passwordFile];
    if (typeof keyPath !== 'string') return undefined;
    if (typeof passwordFile === 'string') {
      const bytes = readRegularFile(resolve(cwd, passwordFile), MAX_PASSWORD_FILE_BYTES);
      password = bytes && withoutTrailingNewline(bytes);
    } else if (passwordFile === undefined && env[SIGNER_ENV.password] !== undefined) {
      password = new TextEncoder().encode(env[SIGNER_ENV.password]);
    }
    const key = password && readRegularFile(resolve(cwd, keyPath), MAX_KEY_FILE_BYTES);
    return password && key ? startDecryptionAhead(key, password) : undefined;
  } catch {
    return undefined;
  } finally {
    password?.fill(0);
  }
}

/** The file's bytes when it is a regular file of at most `maxBytes`; otherwise undefined. */
function readRegularFile(path: string, maxBytes: number): Uint8Array | undefined {
  // non-blocking, so that opening a FIFO nobody writes to returns at once instead of hanging here
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    const size = stats.size;
    if (!stats.isFile() || size > maxBytes) return undefined;
    const buffer = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, buffer, filled, size - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
