import { SignetError } from '../../shared/errors.js';

/** Codes of {@link RegistryError}; one per way a registry conversation can fail. */
export type RegistryErrorCode =
  | 'REGISTRY_UNAUTHORIZED'
  | 'REGISTRY_CREDENTIAL_HELPER'
  | 'REGISTRY_DENIED'
  | 'REGISTRY_NOT_FOUND'
  | 'REGISTRY_RATE_LIMITED'
  | 'REGISTRY_SERVER_ERROR'
  | 'REGISTRY_UNEXPECTED_STATUS'
  | 'REGISTRY_NETWORK'
  | 'REGISTRY_TIMEOUT'
  | 'REGISTRY_TLS'
  | 'REGISTRY_HTTP_NOT_ALLOWED'
  | 'REGISTRY_DIGEST_MISMATCH'
  | 'REGISTRY_TOO_LARGE'
  | 'REGISTRY_BAD_RESPONSE'
  | 'REGISTRY_CONFIG';

/** Details carried by a {@link RegistryError}. */
export interface RegistryErrorDetails {
  /**
   * HTTP status of the last response.
   * @default - none (the request never got a response)
   */
  readonly status?: number;
  /**
   * OCI distribution error codes from the response body, e.g. `MANIFEST_UNKNOWN`.
   * @default []
   */
  readonly ociCodes?: readonly string[];
  /**
   * The request as `METHOD URL`, with credentials and query values redacted.
   * @default - none
   */
  readonly request?: string;
  /**
   * The lower-level error.
   * @default - none
   */
  readonly cause?: unknown;
}

/**
 * A failed conversation with an OCI registry (cf. ggcr `transport.Error`).
 *
 * The message is one line: what failed, the redacted `METHOD URL`, and what to do. It never contains
 * a credential, a token or an `Authorization` header.
 */
export class RegistryError extends SignetError<RegistryErrorCode> {
  /** HTTP status of the last response, if there was one. */
  public readonly status?: number;
  /** OCI error codes from the response body (may be empty). */
  public readonly ociCodes: readonly string[];
  /** Redacted `METHOD URL` of the failing request, if known. */
  public readonly request?: string;

  public constructor(code: RegistryErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.ociCodes = details.ociCodes ?? [];
    this.request = details.request;
  }
}

/** Codes of {@link InvalidReferenceError}. */
export type ReferenceErrorCode = 'REFERENCE_INVALID';

/** An image reference that cannot be parsed (e.g. `Foo/Bar:tag`, a bad digest). */
export class InvalidReferenceError extends SignetError<ReferenceErrorCode> {
  public constructor(message: string) {
    super('REFERENCE_INVALID', message);
  }
}
