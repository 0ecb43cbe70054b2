import { SIGNER_ENV, SIGNER_FLAGS } from '../../shared/constants.js';
import { createRegistryClient, loadDockerConfig, type RegistryClient, type RequestEvent } from '../oci/index.js';
import { readInputFile } from './files.js';
import type { CliIo } from './io.js';

/** parseArgs option table for the registry flags shared by `sign` and `verify`. */
export const REGISTRY_FLAG_OPTIONS = {
  [SIGNER_FLAGS.allowHttpRegistry]: { type: 'boolean' },
  [SIGNER_FLAGS.allowInsecureRegistry]: { type: 'boolean' },
  [SIGNER_FLAGS.registryCaFile]: { type: 'string' },
} as const;

/** Parsed values of {@link REGISTRY_FLAG_OPTIONS}. */
export interface RegistryFlags {
  readonly allowHttp: boolean;
  readonly insecure: boolean;
  /** `--registry-cacert`. @default - Node's bundled roots, plus `SSL_CERT_FILE` when set */
  readonly caFile?: string;
}

/**
 * Builds a registry client from flags and the environment: credentials from `DOCKER_CONFIG` (or
 * `~/.docker/config.json`), extra CA from `--registry-cacert` and/or `SSL_CERT_FILE`.
 */
export async function registryClientFromFlags(
  io: CliIo,
  flags: RegistryFlags,
  options: { pushIntent: boolean; maxBlobBytes?: number; onRequest?: (e: RequestEvent) => void },
): Promise<RegistryClient> {
  const caPem: string[] = [];
  if (flags.caFile !== undefined) caPem.push((await readInputFile(io, flags.caFile, SIGNER_FLAGS.registryCaFile)).text);
  const sslCertFile = io.env[SIGNER_ENV.sslCertFile];
  if (sslCertFile !== undefined && sslCertFile !== '') caPem.push((await readInputFile(io, sslCertFile, `${SIGNER_FLAGS.registryCaFile} (from ${SIGNER_ENV.sslCertFile})`)).text);
  const dockerConfigDir = io.env[SIGNER_ENV.dockerConfig];
  const credentials = await loadDockerConfig({ homeDir: io.homeDir, ...(dockerConfigDir ? { dockerConfigDir } : {}) });
  return createRegistryClient({
    credentials,
    allowHttp: flags.allowHttp,
    tls: { insecure: flags.insecure, ...(caPem.length > 0 ? { caPem } : {}) },
    pushIntent: options.pushIntent,
    userAgent: 'signet',
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.maxBlobBytes === undefined ? {} : { maxBlobBytes: options.maxBlobBytes }),
  });
}
