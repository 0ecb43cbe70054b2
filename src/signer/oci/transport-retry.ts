import { parseRetryAfter } from './_challenge.js';
import { RegistryError } from './errors.js';
import { HttpTransportError, type HttpResponse, type HttpSend } from './http.js';
import { describeRequest } from './redact.js';
import { deadlineError, transportFailure } from './transport-errors.js';
import { authorizationFor, type ScopedAuthorization } from './transport-origin.js';
import type { SchemeMemory } from './transport-scheme.js';
import type { RegistryResponse, TransportOptions } from './transport-types.js';

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** One logical exchange: sent once, or again after a retryable failure. */
export interface Exchange {
  /** What the exchange is for (reported to `onRequest`). */
  readonly kind: 'registry' | 'token';
  readonly method: string;
  readonly url: URL;
  /** Request headers; an `authorization` here is dropped (credentials go in `authorization`). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Credentials, attached to each try only if its URL is in their origin.
   * @default - anonymous: no `Authorization` header
   */
  readonly authorization?: ScopedAuthorization;
  /**
   * Request body.
   * @default - an empty body
   */
  readonly body?: Uint8Array;
  readonly maxBodyBytes: number;
  /** The registry the exchange belongs to (for scheme probing). */
  readonly registry: string;
}

/**
 * The retry policy (cf. ggcr's `retryTransport`): 429, 5xx and connection failures are retried with
 * exponential back-off and "equal jitter", honouring `Retry-After` up to a limit; a loopback or
 * `--allow-http-registry` registry that does not speak TLS is switched to plain HTTP once, a loopback
 * registry that does not answer plain HTTP in HTTP to HTTPS (see {@link SchemeMemory}). Every
 * try has an overall deadline, and all tries together stay within the command's deadline.
 */
export class RetryingSender {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly requestTimeoutMs: number;
  /** `Date.now()` value after which no exchange may run; undefined without a command deadline. */
  private readonly commandDeadline: number | undefined;

  public constructor(
    private readonly send: HttpSend,
    private readonly schemes: SchemeMemory,
    private readonly options: TransportOptions,
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.commandDeadline = options.commandTimeoutMs === undefined ? undefined : Date.now() + options.commandTimeoutMs;
  }

  /** Sends `exchange`, retrying what is worth retrying; returns the last answer and the URL that gave it. */
  public async exchange(exchange: Exchange): Promise<RegistryResponse> {
    const { kind, method, body, maxBodyBytes, registry } = exchange;
    const { authorization: _dropped, ...baseHeaders } = exchange.headers;
    let url = exchange.url;
    for (let attempt = 1; ; attempt += 1) {
      let res: HttpResponse;
      // Decided per try, on the URL actually sent to: the scheme fallback may have changed it.
      const value = authorizationFor(url, exchange.authorization);
      const headers = value === undefined ? baseHeaders : { ...baseHeaders, authorization: value };
      const left = this.timeLeft(method, url);
      const deadlineMs = Math.min(this.requestTimeoutMs, left);
      try {
        res = await this.send({ method, url, headers, ...(body === undefined ? {} : { body }), maxBodyBytes, timeoutMs: this.options.timeoutMs ?? 30_000, deadlineMs });
      } catch (error) {
        const code = error instanceof HttpTransportError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ECONNRESET');
        if (code === 'EDEADLINE') {
          this.options.onRequest?.({ kind, method, url: describeRequest(method, url).slice(method.length + 1), attempt, error: code });
          // Not retried: a registry that drips its answer would only drip it again.
          throw left < this.requestTimeoutMs ? deadlineError('command', this.options.commandTimeoutMs ?? 0, method, url, error) : deadlineError('request', this.requestTimeoutMs, method, url, error);
        }
        const plain = this.schemes.fallback(code, url, registry);
        if (plain !== undefined) {
          url = plain;
          attempt -= 1;
          continue;
        }
        // Reported after the scheme probe: a refused TLS hello is not an HTTP exchange.
        this.options.onRequest?.({ kind, method, url: describeRequest(method, url).slice(method.length + 1), attempt, error: code });
        const https = attempt < this.maxAttempts ? this.schemes.afterFailedProbe(code, url, registry) : undefined;
        if (https !== undefined) {
          url = https;
          continue;
        }
        const failure = transportFailure(code, method, url, error, maxBodyBytes);
        if (failure.retryable && attempt < this.maxAttempts) {
          await this.pause(this.backoff(attempt), method, url);
          continue;
        }
        throw failure.error;
      }
      // A TLS server's 400 to the plain-HTTP probe is, like a refused TLS hello, no registry exchange: not reported.
      const https = this.schemes.learn(url, registry, res.status);
      if (https !== undefined) {
        url = https;
        attempt -= 1;
        continue;
      }
      this.options.onRequest?.({ kind, method, url: describeRequest(method, url).slice(method.length + 1), attempt, status: res.status });
      if (RETRYABLE_STATUS.has(res.status) && attempt < this.maxAttempts) {
        await this.pause(this.retryDelay(res, method, url, attempt), method, url);
        continue;
      }
      return { ...res, url };
    }
  }

  /** Milliseconds left before the command deadline (Infinity without one); none left is an error. */
  private timeLeft(method: string, url: URL): number {
    if (this.commandDeadline === undefined) return Number.POSITIVE_INFINITY;
    const left = this.commandDeadline - Date.now();
    if (left <= 0) throw deadlineError('command', this.options.commandTimeoutMs ?? 0, method, url);
    return left;
  }

  /** Waits before a retry, unless the wait alone would outlast the command deadline. */
  private async pause(ms: number, method: string, url: URL): Promise<void> {
    if (ms >= this.timeLeft(method, url)) throw deadlineError('command', this.options.commandTimeoutMs ?? 0, method, url);
    await this.sleep(ms);
  }

  /** How long to wait before retrying a 429/5xx: its `Retry-After`, else back-off; too long fails at once. */
  private retryDelay(res: HttpResponse, method: string, url: URL, attempt: number): number {
    const retryAfter = parseRetryAfter(res.headers['retry-after'], Date.now());
    const limit = this.options.maxRetryAfterMs ?? 60_000;
    if (retryAfter !== undefined && retryAfter > limit) {
      throw new RegistryError(
        res.status === 429 ? 'REGISTRY_RATE_LIMITED' : 'REGISTRY_SERVER_ERROR',
        `registry asked to retry after ${Math.ceil(retryAfter / 1000)} s, longer than the ${Math.ceil(limit / 1000)} s limit: ${res.status} (${describeRequest(method, url)}); try again later`,
        { status: res.status, request: describeRequest(method, url) },
      );
    }
    return retryAfter ?? this.backoff(attempt);
  }

  /** Exponential back-off with "equal jitter": half fixed, half random. */
  private backoff(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 200;
    const cap = this.options.backoffMaxMs ?? 5000;
    const delay = Math.min(cap, base * 2 ** (attempt - 1));
    return Math.round(delay / 2 + ((this.options.random ?? Math.random)() * delay) / 2);
  }
}
