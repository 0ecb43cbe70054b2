import { constants } from 'node:fs';
import { access, chmod, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { SIGNER_FLAGS } from '../../../shared/constants.js';
import { generateKeyPair, type KeyFormat } from '../../keys/index.js';
import { CliError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { readPassword } from '../password.js';

const KEY_FORMATS: readonly KeyFormat[] = ['cosign', 'sigstore'];

/**
 * `signet generate-key-pair [--output-key-prefix cosign] [--key-format cosign|sigstore] [--force]`:
 * writes `<prefix>.key` (0600) and `<prefix>.pub` (0644); refuses to overwrite unless `--force`.
 */
export async function generateKeyPairCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      [SIGNER_FLAGS.outputKeyPrefix]: { type: 'string', default: 'cosign' },
      [SIGNER_FLAGS.keyFormat]: { type: 'string', default: 'cosign' },
      [SIGNER_FLAGS.passwordFile]: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw usageError(`generate-key-pair takes no arguments, got "${positionals[0]}"; use --${SIGNER_FLAGS.outputKeyPrefix} PREFIX`);
  const format = values[SIGNER_FLAGS.keyFormat] as KeyFormat;
  if (!KEY_FORMATS.includes(format)) throw usageError(`unknown --${SIGNER_FLAGS.keyFormat} "${format}"; use cosign (readable by every cosign version) or sigstore (what cosign >= 2.2 writes)`);
  const prefix = values[SIGNER_FLAGS.outputKeyPrefix];
  if (prefix === '') throw usageError(`--${SIGNER_FLAGS.outputKeyPrefix} is empty; pass a file name prefix such as cosign`);
  const keyPath = resolve(io.cwd, `${prefix}.key`);
  const pubPath = resolve(io.cwd, `${prefix}.pub`);
  if (!values.force) {
    for (const path of [keyPath, pubPath]) {
      if (await exists(path)) throw new CliError('CLI_FILE', `refusing to overwrite an existing key file (${path}); move it away or pass --force`);
    }
  }
  const password = await readPassword(io, values[SIGNER_FLAGS.passwordFile], 'create');
  const pair = await generateKeyPair(password, format);
  await writeKeyFile(keyPath, pair.privateKeyPem, 0o600, values.force);
  await writeKeyFile(pubPath, pair.publicKeyPem, 0o644, values.force);
  io.stderr(`Private key written to ${keyPath}\nPublic key written to ${pubPath}\n`);
  return 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

async function writeKeyFile(path: string, text: string, mode: number, force: boolean): Promise<void> {
  try {
    // 'wx' fails if the file appeared meanwhile; the mode applies on creation, chmod covers --force.
    await writeFile(path, text, { mode, flag: force ? 'w' : 'wx' });
    await chmod(path, mode);
  } catch (error) {
    throw new CliError('CLI_FILE', `cannot write the key file (${path}); check the directory exists and is writable`, { cause: error });
  }
}
