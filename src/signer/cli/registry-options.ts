import { SIGNER_ENV, SIGNER_FLAGS } from '../../shared/constants.js';
import type { ReferrersClient, RegistryClient, RequestEvent } from '../oci/index.js';
import { parseDuration } from './duration.js';
import { readInputFile } from './files.js';
import type { CliIo } from './io.js';

/** parseArgs option table for the registry flags shared by `sign` and `verify`. */
export const REGISTRY_FLAG_OPTIONS = {
  [SIGNER_FLAGS.allowHttpRegistry]: { type: 'boolean' },
  [SIGNER_FLAGS.allowInsecureRegistry]: { type: 'boolean' },
  [SIGNER_FLAGS.registryCaFile]: { type: 'string' },
  [SIGNER_FLAGS.requestTimeout]: { type: 'string' },
  [SIGNER_FLAGS.timeout]: { type: 'string', short: 't' },
} as const;

/** Default of `--request-timeout`: one registry exchange, body included. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Default of `--timeout`: all the registry work of one command (cosign's default). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 180_000;

/** Parsed values of {@link REGISTRY_FLAG_OPTIONS}. */
export interface RegistryFlags {
  readonly allowHttp: boolean;
  readonly insecure: boolean;
  /** `--registry-cacert`. @default - Node's bundled roots, plus `SSL_CERT_FILE` when set */
  readonly caFile?: string;
  /** `--request-timeout`. @default DEFAULT_REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
  /** `--timeout`. @default DEFAULT_COMMAND_TIMEOUT_MS */
  readonly commandTimeoutMs?: number;
}

/** Reads {@link RegistryFlags} from parseArgs values of {@link REGISTRY_FLAG_OPTIONS}; bad durations are usage errors. */
export function parseRegistryFlags(values: { readonly [K in keyof typeof REGISTRY_FLAG_OPTIONS]?: (typeof REGISTRY_FLAG_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }): RegistryFlags {
  const caFile = values[SIGNER_FLAGS.registryCaFile];
  const requestTimeout = values[SIGNER_FLAGS.requestTimeout];
  const timeout = values[SIGNER_FLAGS.timeout];
  return {
    allowHttp: values[SIGNER_FLAGS.allowHttpRegistry] ?? false,
    insecure: values[SIGNER_FLAGS.allowInsecureRegistry] ?? false,
    ...(caFile === undefined ? {} : { caFile }),
    ...(requestTimeout === undefined ? {} : { requestTimeoutMs: parseDuration(requestTimeout, SIGNER_FLAGS.requestTimeout) }),
    ...(timeout === undefined ? {} : { commandTimeoutMs: parseDuration(timeout, SIGNER_FLAGS.timeout) }),
  };
}

/** What {@link registryClientFromFlags} needs besides the flags. */
export interface RegistryClientOptions {
  /** Ask for `pull,push` tokens from the start (sign). */
  readonly pushIntent: boolean;
  /** The registries the command talks to: their credentials are resolved before the first request. */
  readonly registries: readonly string[];
  /**
   * Largest blob read, in bytes (`image build` reads base layers).
   * @default - the client's cap, sized for signature payloads
   */
  readonly maxBlobBytes?: number;
  /**
   * Called for every HTTP request.
   * @default - requests are not reported
   */
  readonly onRequest?: (e: RequestEvent) => void;
}

/**
 * Builds a registry client from flags and the environment: credentials from `DOCKER_AUTH_CONFIG`,
 * then `DOCKER_CONFIG` (or `~/.docker/config.json`) with its credential helpers, resolved once per
 * registry before any request; extra CA from `--registry-cacert` and/or `SSL_CERT_FILE`.
 */
export async function registryClientFromFlags(io: CliIo, flags: RegistryFlags, options: RegistryClientOptions): Promise<RegistryClient & ReferrersClient> {
  // Loaded here, not at start-up: `sign` parses its flags and starts decrypting the key first, and the
  // registry client (HTTP, TLS, credential helpers) then loads while scrypt runs.
  const { createRegistryClient, loadDockerKeychain, prefetchCredentials } = await import('../oci/index.js');
  const caPem: string[] = [];
  if (flags.caFile !== undefined) caPem.push((await readInputFile(io, flags.caFile, SIGNER_FLAGS.registryCaFile)).text);
  const sslCertFile = io.env[SIGNER_ENV.sslCertFile];
  if (sslCertFile !== undefined && sslCertFile !== '') caPem.push((await readInputFile(io, sslCertFile, `${SIGNER_FLAGS.registryCaFile} (from ${SIGNER_ENV.sslCertFile})`)).text);
  const dockerConfigDir = io.env[SIGNER_ENV.dockerConfig];
  const authConfig = io.env[SIGNER_ENV.dockerAuthConfig];
  const keychain = await loadDockerKeychain(
    { homeDir: io.homeDir, ...(dockerConfigDir ? { dockerConfigDir } : {}) },
    { env: helperEnv(io.env), cwd: io.cwd, ...(authConfig === undefined ? {} : { authConfig }) },
  );
  const credentials = await prefetchCredentials(keychain, options.registries);
  return createRegistryClient({
    credentials,
    allowHttp: flags.allowHttp,
    tls: { insecure: flags.insecure, ...(caPem.length > 0 ? { caPem } : {}) },
    pushIntent: options.pushIntent,
    requestTimeoutMs: flags.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // Counted from here, after the key was read and its password asked for.
    commandTimeoutMs: flags.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    userAgent: 'signet',
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.maxBlobBytes === undefined ? {} : { maxBlobBytes: options.maxBlobBytes }),
  });
}

/** signet's environment minus the key password: a credential helper has no business with it. */
function helperEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const { [SIGNER_ENV.password]: _password, ...rest } = env;
  return rest;
}
