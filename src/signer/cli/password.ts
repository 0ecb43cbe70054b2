import { resolve } from 'node:path';

import { SIGNER_ENV, SIGNER_FLAGS } from '../../shared/constants.js';
import { CliError } from './errors.js';
import { readBoundedFile } from './files.js';
import { MAX_PASSWORD_FILE_BYTES, withoutTrailingNewline } from './password-bytes.js';
import type { CliIo } from './io.js';

/**
 * Where the password for a private key comes from, first match wins:
 *
 * 1. `--password-file FILE`: the file's bytes as they are (not decoded as text, so any bytes work,
 *    as they do in cosign's COSIGN_PASSWORD); one trailing `\n` (or `\r\n`) is removed, because
 *    files made with `echo` or editors end with one while key passwords practically never do.
 * 2. `COSIGN_PASSWORD`, when set, verbatim; set but empty means the empty password (like cosign).
 * 3. A prompt without echo, only when standard input is a terminal.
 * 4. Otherwise an error. Unlike cosign, signet never reads a password from piped standard input: a
 *    step with an open but silent stdin would hang (agntcy/dir#1891).
 */
export async function readPassword(io: CliIo, passwordFile: string | undefined, purpose: 'decrypt' | 'create'): Promise<Uint8Array> {
  if (passwordFile !== undefined) {
    const path = resolve(io.cwd, passwordFile);
    let bytes: Uint8Array;
    try {
      bytes = await readBoundedFile(path, MAX_PASSWORD_FILE_BYTES);
    } catch (error) {
      throw new CliError('CLI_PASSWORD', `cannot read the password file (${path}); check --${SIGNER_FLAGS.passwordFile}`, { cause: error });
    }
    if (bytes.length > MAX_PASSWORD_FILE_BYTES) {
      throw new CliError('CLI_PASSWORD', `the password file is larger than ${MAX_PASSWORD_FILE_BYTES} bytes (${path}); check --${SIGNER_FLAGS.passwordFile} names the password file`);
    }
    return withoutTrailingNewline(bytes);
  }
  const fromEnv = io.env[SIGNER_ENV.password];
  if (fromEnv !== undefined) return new TextEncoder().encode(fromEnv);
  if (!io.stdinIsTty) {
    throw new CliError(
      'CLI_PASSWORD',
      `no password for the private key (stdin is not a terminal); set ${SIGNER_ENV.password} (empty for no password) or pass --${SIGNER_FLAGS.passwordFile} FILE`,
    );
  }
  try {
    if (purpose === 'decrypt') return new TextEncoder().encode(await io.promptHidden('Enter password for private key: '));
    const first = await io.promptHidden('Enter password for private key: ');
    const second = await io.promptHidden('Enter password for private key again: ');
    if (first !== second) throw new CliError('CLI_PASSWORD', 'the two passwords differ (prompt); run the command again');
    return new TextEncoder().encode(first);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('CLI_PASSWORD', 'password prompt was interrupted (terminal); run the command again', { cause: error });
  }
}
