import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { CHAINS_RESULTS, SIGNER_FLAGS } from '../../../shared/constants.js';
import { signImage } from '../../cosign/sign.js';
import { decryptPrivateKey } from '../../keys/index.js';
import { formatReference, parseReference } from '../../oci/index.js';
import { parseAnnotations } from '../annotations.js';
import { CliError, usageError } from '../errors.js';
import { readInputFile } from '../files.js';
import type { CliIo } from '../io.js';
import { readPassword } from '../password.js';
import { REGISTRY_FLAG_OPTIONS, registryClientFromFlags } from '../registry-options.js';

/**
 * `signet sign --key cosign.key IMAGE`: signs IMAGE (digest or tag) and prints `repo@sha256:…`.
 * With `--results-dir DIR` also writes Tekton results `IMAGE_URL` and `IMAGE_DIGEST` (no newline).
 */
export async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      [SIGNER_FLAGS.key]: { type: 'string' },
      [SIGNER_FLAGS.passwordFile]: { type: 'string' },
      [SIGNER_FLAGS.annotations]: { type: 'string', short: 'a', multiple: true },
      [SIGNER_FLAGS.signContainerIdentity]: { type: 'string' },
      [SIGNER_FLAGS.identityWithTag]: { type: 'boolean', default: false },
      [SIGNER_FLAGS.resultsDir]: { type: 'string' },
      ...REGISTRY_FLAG_OPTIONS,
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw usageError(`sign takes exactly one IMAGE, got ${positionals.length}; run: signet sign --${SIGNER_FLAGS.key} cosign.key registry/repo@sha256:…`);
  const keyPath = values[SIGNER_FLAGS.key];
  if (keyPath === undefined) throw usageError(`missing --${SIGNER_FLAGS.key} (sign); pass the private key file, e.g. --${SIGNER_FLAGS.key} cosign.key`);
  const reference = parseReference(positionals[0] ?? '');
  const annotations = parseAnnotations(values[SIGNER_FLAGS.annotations]);
  const identity = values[SIGNER_FLAGS.signContainerIdentity];
  if (identity !== undefined && values[SIGNER_FLAGS.identityWithTag]) {
    throw usageError(`--${SIGNER_FLAGS.signContainerIdentity} and --${SIGNER_FLAGS.identityWithTag} exclude each other; pass one`);
  }

  const key = await readInputFile(io, keyPath, SIGNER_FLAGS.key);
  const password = await readPassword(io, values[SIGNER_FLAGS.passwordFile], 'decrypt');
  const signer = await decryptPrivateKey(key.text, password, { source: key.path });
  password.fill(0);

  const client = await registryClientFromFlags(
    io,
    { allowHttp: values[SIGNER_FLAGS.allowHttpRegistry] ?? false, insecure: values[SIGNER_FLAGS.allowInsecureRegistry] ?? false, ...optional('caFile', values[SIGNER_FLAGS.registryCaFile]) },
    { pushIntent: true },
  );
  try {
    const result = await signImage({
      reference,
      signer,
      client,
      identityWithTag: values[SIGNER_FLAGS.identityWithTag] ?? false,
      onWarning: (message) => io.stderr(`signet: warning: ${message}\n`),
      ...optional('identity', identity),
      ...optional('annotations', annotations),
    });
    const resultsDir = values[SIGNER_FLAGS.resultsDir];
    if (resultsDir !== undefined) {
      await writeResults(resolve(io.cwd, resultsDir), formatReference({ registry: reference.registry, repository: reference.repository, ...(reference.tag === undefined ? {} : { tag: reference.tag }) }), result.digest);
    }
    io.stdout(`${result.signedReference}\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** Tekton result files have no trailing newline (Chains reads them verbatim). */
async function writeResults(dir: string, imageUrl: string, digest: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, CHAINS_RESULTS.imageUrl), imageUrl);
    await writeFile(join(dir, CHAINS_RESULTS.imageDigest), digest);
  } catch (error) {
    throw new CliError('CLI_FILE', `cannot write the results (${dir}); check --${SIGNER_FLAGS.resultsDir} is a writable directory`, { cause: error });
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
