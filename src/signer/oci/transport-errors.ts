import { RegistryError, type RegistryErrorCode } from './errors.js';
import type { HttpResponse } from './http.js';
import { describeRequest } from './redact.js';

/** Connection failures worth another try (the request may not have reached the registry). */
const RETRYABLE_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** A failed exchange below HTTP, as a {@link RegistryError}, and whether trying again may help. */
export interface TransportFailure {
  readonly retryable: boolean;
  readonly error: RegistryError;
}

/**
 * Maps a Node error code of a failed exchange to a one-line {@link RegistryError}. Size errors and
 * answers that do not parse as HTTP are the registry's doing and never retried.
 */
export function transportFailure(code: string, method: string, url: URL, cause: unknown, maxBodyBytes?: number): TransportFailure {
  const request = describeRequest(method, url);
  if (code === 'TOO_LARGE') {
    const limit = maxBodyBytes === undefined ? '' : `, over ${formatBytes(maxBodyBytes)}`;
    return { retryable: false, error: new RegistryError('REGISTRY_TOO_LARGE', `registry response is larger than allowed${limit} (${request}); the registry or the image is not what signet expects`, { request, cause }) };
  }
  if (code.startsWith('HPE_')) {
    return { retryable: false, error: new RegistryError('REGISTRY_BAD_RESPONSE', `registry sent a malformed HTTP response: ${code} (${request}); the registry or a proxy in between is broken`, { request, cause }) };
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|HOSTNAME/.test(code)) {
    return {
      retryable: false,
      error: new RegistryError('REGISTRY_TLS', `TLS certificate of ${url.host} is not trusted: ${code} (${request}); pass --registry-cacert FILE or set SSL_CERT_FILE (or --allow-insecure-registry for a test registry)`, { request, cause }),
    };
  }
  if (code === 'ETIMEDOUT') {
    return { retryable: true, error: new RegistryError('REGISTRY_TIMEOUT', `registry did not answer in time (${request}); check the network or retry later`, { request, cause }) };
  }
  const hint = code === 'ECONNREFUSED' ? 'is the registry running and the host:port right?' : code === 'ENOTFOUND' ? 'check the registry host name' : 'check the network or retry later';
  return {
    retryable: RETRYABLE_ERRORS.has(code),
    error: new RegistryError('REGISTRY_NETWORK', `cannot reach registry: ${code} (${request}); ${hint}`, { request, cause }),
  };
}

/**
 * The error for an exchange cut off by a deadline: the per-request one (`--request-timeout`) or
 * the one for the whole command (`--timeout`).
 */
export function deadlineError(which: 'request' | 'command', limitMs: number, method: string, url: URL, cause?: unknown): RegistryError {
  const request = describeRequest(method, url);
  const limit = formatDuration(limitMs);
  const message =
    which === 'request'
      ? `registry did not finish answering within the ${limit} request deadline (${request}); the registry is stalling or very slow; raise --request-timeout if it is only slow`
      : `registry work did not finish within the ${limit} command deadline (${request}); the registry is stalling or very slow; raise --timeout if it is only slow`;
  return new RegistryError('REGISTRY_TIMEOUT', message, { request, ...(cause === undefined ? {} : { cause }) });
}

/** `4 MiB`, `1536 bytes`: a size limit as people read it. */
function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** `90 s`, `2 min`, `1500 ms`: a limit as people read it. */
function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** Turns an unexpected HTTP status into a {@link RegistryError} with the OCI error codes of the body. */
export function statusError(method: string, url: URL, res: HttpResponse, registry: string): RegistryError {
  const request = describeRequest(method, url);
  const ociCodes = parseOciErrorCodes(res.body);
  const codes = ociCodes.length > 0 ? ` ${ociCodes.join(',')}` : '';
  const table: Record<number, [RegistryErrorCode, string]> = {
    401: ['REGISTRY_UNAUTHORIZED', `check the credentials in DOCKER_CONFIG (docker login ${registry})`],
    403: ['REGISTRY_DENIED', 'the credentials lack permission for this repository; check the account or token scope'],
    404: ['REGISTRY_NOT_FOUND', 'check the repository, tag or digest'],
    429: ['REGISTRY_RATE_LIMITED', 'the registry is rate limiting; retry later or authenticate'],
  };
  const [code, hint] = table[res.status] ?? (res.status >= 500 ? ['REGISTRY_SERVER_ERROR', 'the registry failed; retry later'] : ['REGISTRY_UNEXPECTED_STATUS', 'the registry rejected the request; see the OCI error code']);
  return new RegistryError(code, `registry answered ${res.status}${codes} (${request}); ${hint}`, { status: res.status, ociCodes, request });
}

/** Extracts `errors[].code` from an OCI error document; tolerant of non-JSON bodies. */
export function parseOciErrorCodes(body: Uint8Array): string[] {
  if (body.byteLength === 0) return [];
  try {
    const doc = JSON.parse(new TextDecoder().decode(body)) as { errors?: { code?: unknown }[] };
    return (doc.errors ?? []).map((e) => e.code).filter((c): c is string => typeof c === 'string' && /^[A-Z_]{1,64}$/.test(c));
  } catch {
    return [];
  }
}
