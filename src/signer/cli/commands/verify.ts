import { parseArgs } from 'node:util';

import { SIGNER_FLAGS } from '../../../shared/constants.js';
import { verifyImage } from '../../cosign/verify.js';
import { loadPublicKey } from '../../keys/index.js';
import { type ImageReference, parseReference, repositoryName } from '../../oci/index.js';
import { parseAnnotations } from '../annotations.js';
import { usageError } from '../errors.js';
import { readKeyFile } from '../files.js';
import type { CliIo } from '../io.js';
import { parseRegistryFlags, REGISTRY_FLAG_OPTIONS, type RegistryFlags, registryClientFromFlags } from '../registry-options.js';

/** The parseArgs option table of `signet verify` (exported so Task constructs can be tested against it). */
export const VERIFY_ARG_OPTIONS = {
  [SIGNER_FLAGS.key]: { type: 'string' },
  [SIGNER_FLAGS.annotations]: { type: 'string', short: 'a', multiple: true },
  ...REGISTRY_FLAG_OPTIONS,
} as const;

/** What `signet verify` was asked to do, after parsing and the usage checks. */
export interface VerifyArgs {
  /** `--key`: the public key file. */
  readonly keyPath: string;
  /** The image to verify. */
  readonly reference: ImageReference;
  /** `-a key=value` annotations every accepted signature must carry. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The registry flags. */
  readonly registry: RegistryFlags;
}

/** Parses `signet verify` arguments (without the sub-command); throws for a bad command line. */
export function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  const { values, positionals } = parseArgs({ args: [...args], options: VERIFY_ARG_OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) throw usageError(`verify takes exactly one IMAGE, got ${positionals.length}; run: signet verify --${SIGNER_FLAGS.key} cosign.pub registry/repo@sha256:…`);
  const keyPath = values[SIGNER_FLAGS.key];
  if (keyPath === undefined) throw usageError(`missing --${SIGNER_FLAGS.key} (verify); pass the public key file, e.g. --${SIGNER_FLAGS.key} cosign.pub`);
  const reference = parseReference(positionals[0] ?? '');
  const annotations = parseAnnotations(values[SIGNER_FLAGS.annotations]);
  return {
    keyPath,
    reference,
    ...(annotations === undefined ? {} : { annotations }),
    registry: parseRegistryFlags(values),
  };
}

/**
 * `signet verify --key cosign.pub IMAGE`: exit 0 when at least one signature verifies; prints the
 * verified payloads as a JSON array on stdout (like cosign) and a summary on stderr.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { keyPath, reference, annotations, registry } = parseVerifyArgs(args);
  const key = await readKeyFile(io, keyPath, SIGNER_FLAGS.key);
  const verifier = loadPublicKey(key.text, { source: key.path });
  const client = await registryClientFromFlags(io, registry, { pushIntent: false, registries: [reference.registry] });
  try {
    const result = await verifyImage({
      reference,
      verifier,
      client,
      onWarning: (message) => io.stderr(`signet: warning: ${message}\n`),
      ...(annotations === undefined ? {} : { annotations }),
    });
    io.stderr(
      `\nVerification for ${repositoryName(reference)}@${result.digest} --\nThe following checks were performed on each of these signatures:\n` +
        '  - The signatures were verified against the specified public key\n' +
        '  - The payload names this image digest' +
        (annotations === undefined ? '' : ' and carries the requested annotations') +
        '\n  - No transparency log was consulted (key-based, offline)\n\n',
    );
    // The payload bytes as signed, parsed: the same objects cosign prints.
    const payloads = result.signatures.map((s) => JSON.parse(new TextDecoder().decode(s.payloadBytes)) as unknown);
    io.stdout(`${JSON.stringify(payloads)}\n`);
    return 0;
  } finally {
    client.close();
  }
}
