// The shapes the registry Transport takes and returns: its options, requests, responses and trace events.
import type { CredentialStore } from './credentials.js';
import type { HttpResponse, HttpSend, TlsOptions } from './http.js';

/** One HTTP exchange reported to {@link TransportOptions.onRequest} (for counting and tracing). */
export interface RequestEvent {
  /** `registry` for the registry API, `token` for the token server. */
  readonly kind: 'registry' | 'token';
  /** HTTP method, e.g. `GET`. */
  readonly method: string;
  /** Redacted URL. */
  readonly url: string;
  /** 1 for the first try of a request, 2+ for retries. */
  readonly attempt: number;
  /**
   * HTTP status, when a response arrived.
   * @default - not set: no response arrived (see `error`)
   */
  readonly status?: number;
  /**
   * Node error code, when no response arrived.
   * @default - not set: a response arrived (see `status`)
   */
  readonly error?: string;
}

/** Options of {@link Transport}. */
export interface TransportOptions {
  /**
   * Where credentials come from.
   * @default - anonymous access
   */
  readonly credentials?: CredentialStore;
  /**
   * Allow plain HTTP to any registry (`--allow-http-registry`), credentials included. Loopback
   * registries may always use plain HTTP, but credentials travel in clear text only to a loopback
   * registry that itself speaks plain HTTP, never from an HTTPS registry to a plain-HTTP URL.
   * @default false
   */
  readonly allowHttp?: boolean;
  /**
   * TLS settings (custom CA, insecure).
   * @default - verify against Node's bundled roots
   */
  readonly tls?: TlsOptions;
  /**
   * The HTTP sender; tests and fault injection replace it.
   * @default - keep-alive `node:http`/`node:https` sender built from `tls`
   * @internal
   */
  readonly send?: HttpSend;
  /**
   * Tries per request (first try included) for 429, 5xx and connection failures.
   * @default 4
   */
  readonly maxAttempts?: number;
  /**
   * Idle timeout per request in milliseconds.
   * @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * Overall deadline of one HTTP exchange in milliseconds, body included (an idle timeout alone
   * never ends a body dripped one byte at a time). Exceeding it is not retried.
   * @default 60000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Deadline for all the exchanges of this transport together, in milliseconds counted from its
   * creation (the CLI's `--timeout`): retries, back-off and token requests included.
   * @default - no overall deadline: each request is bounded by `requestTimeoutMs` alone
   */
  readonly commandTimeoutMs?: number;
  /**
   * First back-off delay in milliseconds; doubled per retry, with jitter.
   * @default 200
   */
  readonly backoffBaseMs?: number;
  /**
   * Largest back-off delay in milliseconds.
   * @default 5000
   */
  readonly backoffMaxMs?: number;
  /**
   * Largest `Retry-After` honoured, in milliseconds; a longer one fails the request at once.
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Called once per HTTP exchange (including retries and token requests).
   * @default - requests are not reported
   */
  readonly onRequest?: (event: RequestEvent) => void;
  /**
   * Sleeps between retries; tests inject a fake.
   * @default - `setTimeout`
   * @internal
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Random source in [0, 1) for jitter.
   * @default Math.random
   */
  readonly random?: () => number;
  /**
   * `User-Agent` header.
   * @default 'signet'
   */
  readonly userAgent?: string;
}

/** The repository permission a request needs (a Bearer token `scope`). */
export interface Scope {
  readonly repository: string;
  readonly actions: readonly ('pull' | 'push')[];
}

/** A request to a registry, by API path or by absolute URL (upload locations). */
export interface RegistryRequest {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** Registry host with optional port. */
  readonly registry: string;
  /** `/v2/…` path (with query), or an absolute URL returned by the registry. */
  readonly path: string;
  readonly scope: Scope;
  /**
   * Extra request headers.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Request body.
   * @default - an empty body
   */
  readonly body?: Uint8Array;
  /**
   * Largest response body accepted.
   * @default 4194304 (4 MiB, the distribution registry's manifest limit)
   */
  readonly maxBodyBytes?: number;
}

/** A registry response plus the URL that produced it (to resolve relative `Location`s). */
export interface RegistryResponse extends HttpResponse {
  readonly url: URL;
}
