import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { CHAINS_RESULTS, SIGNER_FLAGS } from '../../../shared/constants.js';
import { decryptPrivateKeyWith, inspectEncryptedKey } from '../../keys/index.js';
import { formatReference, type ImageReference, parseReference } from '../../../shared/oci/index.js';
import type { ReferrersClient, RegistryClient } from '../../oci/index.js';
import { parseAnnotations } from '../annotations.js';
import { normaliseBundleFormatFlag, signBundleFormat } from '../bundle-format-flag.js';
import { normaliseRecursiveFlag, recursiveFlag } from '../recursive-flag.js';
import { CliError, usageError } from '../errors.js';
import { readKeyFile } from '../files.js';
import type { CliIo } from '../io.js';
import { readPassword } from '../password.js';
import { parseRegistryFlags, REGISTRY_FLAG_OPTIONS, type RegistryFlags, registryClientFromFlags } from '../registry-options.js';

/** The parseArgs option table of `signet sign` (exported so Task constructs can be tested against it). */
export const SIGN_ARG_OPTIONS = {
  [SIGNER_FLAGS.key]: { type: 'string' },
  [SIGNER_FLAGS.passwordFile]: { type: 'string' },
  [SIGNER_FLAGS.annotations]: { type: 'string', short: 'a', multiple: true },
  [SIGNER_FLAGS.signContainerIdentity]: { type: 'string' },
  [SIGNER_FLAGS.identityWithTag]: { type: 'boolean', default: false },
  [SIGNER_FLAGS.resultsDir]: { type: 'string' },
  [SIGNER_FLAGS.imageUrlFile]: { type: 'string' },
  [SIGNER_FLAGS.imageDigestFile]: { type: 'string' },
  [SIGNER_FLAGS.newBundleFormat]: { type: 'string' },
  [SIGNER_FLAGS.recursive]: { type: 'string' },
  ...REGISTRY_FLAG_OPTIONS,
} as const;

/** What `signet sign` was asked to do, after parsing and the usage checks (no file or network access yet). */
export interface SignArgs {
  /** `--key`: the encrypted private key file. */
  readonly keyPath: string;
  /** `--password-file`. @default - COSIGN_PASSWORD, then a prompt */
  readonly passwordFile?: string;
  /** The image to sign. */
  readonly reference: ImageReference;
  /** `-a key=value` annotations. @default - no annotations in the payload */
  readonly annotations?: Readonly<Record<string, string>>;
  /** `--sign-container-identity`. @default - the image repository */
  readonly identity?: string;
  /** `--identity-with-tag`. */
  readonly identityWithTag: boolean;
  /** `--results-dir`. @default - not written */
  readonly resultsDir?: string;
  /** `--image-url-file`. @default - not written */
  readonly imageUrlFile?: string;
  /** `--image-digest-file`. @default - not written */
  readonly imageDigestFile?: string;
  /** `--new-bundle-format`: write cosign v3's bundle referrer instead of the `.sig` tag. @default false */
  readonly newBundleFormat?: boolean;
  /** `--recursive`/`-r`: on an index, also sign every manifest it lists. @default false */
  readonly recursive?: boolean;
  /** The registry flags. */
  readonly registry: RegistryFlags;
}

/**
 * Parses `signet sign` arguments (without the sub-command) and applies its usage rules; throws a
 * `CliError` (or parseArgs' `ERR_PARSE_ARGS_*` error) for a bad command line.
 */
export function parseSignArgs(args: readonly string[]): SignArgs {
  const { values, positionals } = parseArgs({ args: normaliseRecursiveFlag(normaliseBundleFormatFlag(args)), options: SIGN_ARG_OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) throw usageError(`sign takes exactly one IMAGE, got ${positionals.length}; run: signet sign --${SIGNER_FLAGS.key} cosign.key registry/repo@sha256:…`);
  const keyPath = values[SIGNER_FLAGS.key];
  if (keyPath === undefined) throw usageError(`missing --${SIGNER_FLAGS.key} (sign); pass the private key file, e.g. --${SIGNER_FLAGS.key} cosign.key`);
  const identity = values[SIGNER_FLAGS.signContainerIdentity];
  if (identity !== undefined && values[SIGNER_FLAGS.identityWithTag]) {
    throw usageError(`--${SIGNER_FLAGS.signContainerIdentity} and --${SIGNER_FLAGS.identityWithTag} exclude each other; pass one`);
  }
  const newBundleFormat = signBundleFormat(values[SIGNER_FLAGS.newBundleFormat]);
  if (newBundleFormat && (identity !== undefined || values[SIGNER_FLAGS.identityWithTag])) {
    throw usageError(`--${SIGNER_FLAGS.newBundleFormat} signs no docker-reference, so --${SIGNER_FLAGS.signContainerIdentity} and --${SIGNER_FLAGS.identityWithTag} do not apply; drop them`);
  }
  return {
    keyPath,
    ...(newBundleFormat ? { newBundleFormat } : {}),
    ...(recursiveFlag(values[SIGNER_FLAGS.recursive]) ? { recursive: true } : {}),
    reference: parseReference(positionals[0] ?? ''),
    identityWithTag: values[SIGNER_FLAGS.identityWithTag] ?? false,
    registry: parseRegistryFlags(values),
    ...optional('passwordFile', values[SIGNER_FLAGS.passwordFile]),
    ...optional('annotations', parseAnnotations(values[SIGNER_FLAGS.annotations])),
    ...optional('identity', identity),
    ...optional('resultsDir', values[SIGNER_FLAGS.resultsDir]),
    ...optional('imageUrlFile', values[SIGNER_FLAGS.imageUrlFile]),
    ...optional('imageDigestFile', values[SIGNER_FLAGS.imageDigestFile]),
  };
}

/**
 * `signet sign --key cosign.key IMAGE`: signs IMAGE (digest or tag) and prints `repo@sha256:…`; with
 * `--recursive`, an index and every manifest it lists (results and output name the index).
 * With `--results-dir DIR` also writes Tekton results `IMAGE_URL` and `IMAGE_DIGEST` (no newline);
 * `--image-url-file`/`--image-digest-file` write each to a path of its own (`$(results.X.path)`).
 */
export async function signCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseSignArgs(args);
  const key = await readKeyFile(io, parsed.keyPath, SIGNER_FLAGS.key);
  const password = await readPassword(io, parsed.passwordFile, 'decrypt');
  // A malformed key (label, envelope, scrypt costs) is refused before anything else happens.
  inspectEncryptedKey(key.text, { source: key.path });
  // scrypt (started at launch, key-ahead-start.ts, where it could be) runs while the registry work that needs no key goes ahead
  // (existence check, payload and config uploads, reading the current signatures). The signing
  // use cases await the key before they sign or write any manifest, so a wrong password still
  // tags and signs nothing; a registry error meanwhile gives way to the key's own error.
  const decryption = decryptPrivateKeyWith(io.keyAhead, key.text, password, { source: key.path }).finally(() => password.fill(0));
  decryption.catch(() => undefined);
  // A failed decryption ends the command at once, whatever the registry is still doing (a slow or
  // unreachable registry must not delay "wrong password").
  const keyFailure = decryption.then(() => new Promise<never>(() => undefined));
  keyFailure.catch(() => undefined);
  const keyErrorFirst = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await Promise.race([work(), keyFailure]);
    } catch (error) {
      await decryption;
      throw error;
    }
  };
  // Loaded while scrypt runs: the registry client and the signing module (only the format asked for)
  // are most of the command's start-up.
  const { reference } = parsed;
  const onWarning = (message: string): void => io.stderr(`signet: warning: ${message}\n`);
  const loadSign = async (): Promise<(client: RegistryClient & ReferrersClient) => Promise<{ readonly digest: string; readonly signedReference: string; readonly children?: readonly { readonly signedReference: string }[] }>> => {
    if (parsed.newBundleFormat === true) {
      const { signImageBundle } = await import('../../cosign/sign-bundle.js');
      return (client) => signImageBundle({ reference, signer: decryption, client, onWarning, ...optional('recursive', parsed.recursive), ...optional('annotations', parsed.annotations) });
    }
    const { signImage } = await import('../../cosign/sign.js');
    return (client) =>
      signImage({
        reference,
        signer: decryption,
        client,
        identityWithTag: parsed.identityWithTag,
        onWarning,
        ...optional('recursive', parsed.recursive),
        ...optional('identity', parsed.identity),
        ...optional('annotations', parsed.annotations),
      });
  };
  const [sign, client] = await keyErrorFirst(() => Promise.all([loadSign(), registryClientFromFlags(io, parsed.registry, { pushIntent: true, registries: [reference.registry] })]));
  try {
    const result = await keyErrorFirst(() => sign(client));
    const imageUrl = formatReference({ registry: reference.registry, repository: reference.repository, ...(reference.tag === undefined ? {} : { tag: reference.tag }) });
    const files: Array<[path: string, value: string, flag: string]> = [];
    if (parsed.resultsDir !== undefined) {
      const dir = resolve(io.cwd, parsed.resultsDir);
      files.push([join(dir, CHAINS_RESULTS.imageUrl), imageUrl, SIGNER_FLAGS.resultsDir], [join(dir, CHAINS_RESULTS.imageDigest), result.digest, SIGNER_FLAGS.resultsDir]);
    }
    if (parsed.imageUrlFile !== undefined) files.push([resolve(io.cwd, parsed.imageUrlFile), imageUrl, SIGNER_FLAGS.imageUrlFile]);
    if (parsed.imageDigestFile !== undefined) files.push([resolve(io.cwd, parsed.imageDigestFile), result.digest, SIGNER_FLAGS.imageDigestFile]);
    for (const [path, value, flag] of files) await writeResult(path, value, flag);
    // stdout stays the one top reference that scripts read; what --recursive added goes to stderr
    for (const child of result.children ?? []) io.stderr(`signet: also signed ${child.signedReference}\n`);
    io.stdout(`${result.signedReference}\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** Tekton result files have no trailing newline (Chains reads them verbatim). */
async function writeResult(path: string, value: string, flag: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, value);
  } catch (error) {
    throw new CliError('CLI_FILE', `cannot write the result file (${path}); check --${flag} names a writable location`, { cause: error });
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
