import { parseArgs } from 'node:util';

import { SIGNER_FLAGS } from '../../../shared/constants.js';
import { decryptPrivateKeyWith } from '../../keys/index.js';
import { usageError } from '../errors.js';
import { readKeyFile } from '../files.js';
import type { CliIo } from '../io.js';
import { readPassword } from '../password.js';

/** `signet public-key --key cosign.key`: prints the public half of an encrypted private key. */
export async function publicKeyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { [SIGNER_FLAGS.key]: { type: 'string' }, [SIGNER_FLAGS.passwordFile]: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw usageError(`public-key takes no arguments, got "${positionals[0]}"; pass the key with --${SIGNER_FLAGS.key} FILE`);
  const keyPath = values[SIGNER_FLAGS.key];
  if (keyPath === undefined) throw usageError(`missing --${SIGNER_FLAGS.key} (public-key); pass the private key file, e.g. --${SIGNER_FLAGS.key} cosign.key`);
  const key = await readKeyFile(io, keyPath, SIGNER_FLAGS.key);
  const password = await readPassword(io, values[SIGNER_FLAGS.passwordFile], 'decrypt');
  const signer = await decryptPrivateKeyWith(io.keyAhead, key.text, password, { source: key.path });
  io.stdout(signer.publicKeyPem());
  return 0;
}
