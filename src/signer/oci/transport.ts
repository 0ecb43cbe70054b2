import { isLoopbackRegistry, parseChallenge, parseRetryAfter, type Challenge } from './_challenge.js';
import { anonymous, type Credential, type CredentialStore } from './credentials.js';
import { RegistryError, type RegistryErrorCode } from './errors.js';
import { createHttpSend, HttpTransportError, type HttpResponse, type HttpSend } from './http.js';
import { describeRequest } from './redact.js';
import type { RegistryRequest, RegistryResponse, Scope, TransportOptions } from './transport-types.js';

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const TLS_MISMATCH_ERRORS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
const TOKEN_MAX_BODY = 1024 * 1024;

interface CachedToken {
  readonly token: string;
  readonly actions: ReadonlySet<string>;
}

/**
 * The registry transport: scheme choice, Basic and Bearer auth (one token per repository reused
 * across requests), bounded retries with exponential back-off and jitter honouring `Retry-After`,
 * redirects (credentials dropped across origins), and redacted errors.
 */
export class Transport {
  private readonly send: HttpSend;
  private readonly closeSend: () => void;
  private readonly credentials: CredentialStore;
  private readonly schemes = new Map<string, 'https' | 'http'>();
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  public constructor(private readonly options: TransportOptions = {}) {
    if (options.send !== undefined) {
      this.send = options.send;
      this.closeSend = () => undefined;
    } else {
      const pooled = createHttpSend(options.tls);
      this.send = pooled.send;
      this.closeSend = pooled.close;
    }
    this.credentials = options.credentials ?? anonymous;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Releases pooled connections. */
  public close(): void {
    this.closeSend();
  }

  /**
   * Sends a request with auth and retries, and returns the response when its status is in
   * `expect`. Other statuses become a {@link RegistryError}.
   */
  public async request(req: RegistryRequest, expect: readonly number[]): Promise<RegistryResponse> {
    let url = await this.resolveUrl(req);
    let authRetried = false;
    let redirects = 0;
    let sendAuth = true;
    for (;;) {
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'signet', ...req.headers };
      const authorization = sendAuth ? await this.authorization(req.registry, req.scope) : undefined;
      if (authorization !== undefined) headers.authorization = authorization;
      const res = await this.sendWithRetries('registry', req.method, url, headers, req.body, req.maxBodyBytes ?? DEFAULT_MAX_BODY, req.registry);
      url = res.url; // may have switched to plain HTTP
      if (res.status === 401 && !authRetried && sendAuth) {
        authRetried = true;
        if (this.learnChallenge(req.registry, req.scope, res)) continue;
      }
      if (REDIRECTS.has(res.status) && res.headers.location !== undefined && redirects < MAX_REDIRECTS && (req.method === 'GET' || req.method === 'HEAD')) {
        redirects += 1;
        const next = new URL(res.headers.location, url);
        // Never forward registry credentials to another origin (e.g. a storage backend).
        if (next.origin !== url.origin) sendAuth = false;
        this.assertSchemeAllowed(next, req.registry, req.method);
        url = next;
        continue;
      }
      if (expect.includes(res.status)) return { ...res, url };
      throw statusError(req.method, url, res, req.registry);
    }
  }

  private async resolveUrl(req: RegistryRequest): Promise<URL> {
    if (/^https?:\/\//.test(req.path)) {
      const url = new URL(req.path);
      this.assertSchemeAllowed(url, req.registry, req.method);
      return url;
    }
    const scheme = this.schemes.get(req.registry) ?? 'https';
    return new URL(`${scheme}://${req.registry}${req.path}`);
  }

  private httpAllowed(registry: string): boolean {
    return (this.options.allowHttp ?? false) || isLoopbackRegistry(registry);
  }

  private assertSchemeAllowed(url: URL, registry: string, method: string): void {
    if (url.protocol === 'http:' && !this.httpAllowed(url.host) && !this.httpAllowed(registry)) {
      throw new RegistryError('REGISTRY_HTTP_NOT_ALLOWED', `registry sent a plain-HTTP URL (${describeRequest(method, url)}); use TLS on the registry or pass --allow-http-registry`, {
        request: describeRequest(method, url),
      });
    }
  }

  /**
   * Sends one logical request, retrying 429/5xx/connection failures with back-off. A loopback or
   * `--allow-http-registry` registry that does not speak TLS is switched to plain HTTP once.
   */
  private async sendWithRetries(
    kind: 'registry' | 'token',
    method: string,
    initialUrl: URL,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    maxBodyBytes: number,
    registry: string,
  ): Promise<RegistryResponse> {
    let url = initialUrl;
    for (let attempt = 1; ; attempt += 1) {
      let res: HttpResponse;
      try {
        res = await this.send({ method, url, headers, ...(body === undefined ? {} : { body }), maxBodyBytes, timeoutMs: this.timeoutMs });
      } catch (error) {
        const code = error instanceof HttpTransportError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ECONNRESET');
        // A concurrent request may have learned the scheme while this probe was in flight: follow it.
        const probing = !this.schemes.has(registry) || this.schemes.get(registry) === 'http';
        if (TLS_MISMATCH_ERRORS.has(code) && url.protocol === 'https:' && url.host === registry && this.httpAllowed(registry) && probing) {
          // The registry answered a TLS hello with plain text: it serves HTTP (allowed here).
          this.schemes.set(registry, 'http');
          url = new URL(url.toString().replace(/^https:/, 'http:'));
          attempt -= 1;
          continue;
        }
        // Reported after the TLS probe above: a refused TLS hello is not an HTTP exchange.
        this.options.onRequest?.({ kind, method, url: describeRequest(method, url).slice(method.length + 1), attempt, error: code });
        const failure = transportFailure(code, method, url, error);
        if (failure.retryable && attempt < this.maxAttempts) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw failure.error;
      }
      this.options.onRequest?.({ kind, method, url: describeRequest(method, url).slice(method.length + 1), attempt, status: res.status });
      if (url.host === registry && !this.schemes.has(registry)) this.schemes.set(registry, url.protocol === 'http:' ? 'http' : 'https');
      if (RETRYABLE_STATUS.has(res.status) && attempt < this.maxAttempts) {
        const retryAfter = parseRetryAfter(res.headers['retry-after'], Date.now());
        const limit = this.options.maxRetryAfterMs ?? 60_000;
        if (retryAfter !== undefined && retryAfter > limit) {
          throw new RegistryError(
            res.status === 429 ? 'REGISTRY_RATE_LIMITED' : 'REGISTRY_SERVER_ERROR',
            `registry asked to retry after ${Math.ceil(retryAfter / 1000)} s, longer than the ${Math.ceil(limit / 1000)} s limit: ${res.status} (${describeRequest(method, url)}); try again later`,
            { status: res.status, request: describeRequest(method, url) },
          );
        }
        await this.sleep(retryAfter ?? this.backoff(attempt));
        continue;
      }
      return { ...res, url };
    }
  }

  /** Exponential back-off with "equal jitter": half fixed, half random. */
  private backoff(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 200;
    const cap = this.options.backoffMaxMs ?? 5000;
    const delay = Math.min(cap, base * 2 ** (attempt - 1));
    return Math.round(delay / 2 + (this.random() * delay) / 2);
  }

  /** The `Authorization` header for a request, if the registry's challenge is already known. */
  private async authorization(registry: string, scope: Scope): Promise<string | undefined> {
    const challenge = this.challenges.get(registry);
    if (challenge === undefined) return undefined;
    const credential = this.credentials(registry);
    if (challenge.scheme === 'basic') return credential?.kind === 'basic' ? basicHeader(credential) : undefined;
    const cached = this.tokens.get(tokenKey(registry, scope.repository));
    if (cached !== undefined && scope.actions.every((a) => cached.actions.has(a))) return `Bearer ${cached.token}`;
    const actions = new Set([...(cached?.actions ?? []), ...scope.actions]);
    const token = await this.fetchToken(registry, challenge, scope.repository, actions, credential);
    this.tokens.set(tokenKey(registry, scope.repository), { token, actions });
    return `Bearer ${token}`;
  }

  /** Records the challenge of a 401; returns true when a retry with credentials makes sense. */
  private learnChallenge(registry: string, scope: Scope, res: HttpResponse): boolean {
    const challenge = parseChallenge(res.headers['www-authenticate']);
    if (challenge === undefined) return false;
    const known = this.challenges.get(registry);
    this.challenges.set(registry, challenge);
    if (challenge.scheme === 'basic') {
      // Retrying only helps if we have a password we have not sent yet.
      return known?.scheme !== 'basic' && this.credentials(registry)?.kind === 'basic';
    }
    // A Bearer 401 with a cached token means the token expired or lacks scope: fetch a new one.
    this.tokens.delete(tokenKey(registry, scope.repository));
    return true;
  }

  private async fetchToken(registry: string, challenge: Extract<Challenge, { scheme: 'bearer' }>, repository: string, actions: ReadonlySet<string>, credential: Credential | undefined): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      throw new RegistryError('REGISTRY_BAD_RESPONSE', `registry ${registry} sent an invalid token realm; check the registry's auth configuration`);
    }
    if (realm.protocol === 'http:' && !this.httpAllowed(realm.host) && !this.httpAllowed(registry)) {
      throw new RegistryError('REGISTRY_HTTP_NOT_ALLOWED', `token server uses plain HTTP (${describeRequest('GET', realm)}); use TLS or pass --allow-http-registry`);
    }
    const scope = `repository:${repository}:${[...actions].sort().join(',')}`;
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'signet', accept: 'application/json' };
    let method = 'GET';
    let body: Uint8Array | undefined;
    const url = new URL(realm);
    if (credential?.kind === 'identity-token') {
      // An identity token is an OAuth2 refresh token (`docker login` against some registries).
      method = 'POST';
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.token, client_id: 'signet', scope });
      if (challenge.service !== undefined) form.set('service', challenge.service);
      body = new TextEncoder().encode(form.toString());
    } else {
      if (challenge.service !== undefined) url.searchParams.set('service', challenge.service);
      url.searchParams.append('scope', scope);
      if (credential?.kind === 'basic') headers.authorization = basicHeader(credential);
    }
    const res = await this.sendWithRetries('token', method, url, headers, body, TOKEN_MAX_BODY, realm.host);
    const where = describeRequest(method, url);
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError('REGISTRY_UNAUTHORIZED', `token server refused ${credential === undefined ? 'anonymous access' : 'the credentials'}: ${res.status} (${where}); check the credentials in DOCKER_CONFIG (docker login ${registry})`, {
        status: res.status,
        request: where,
      });
    }
    if (res.status !== 200) throw statusError(method, url, res, registry);
    let token: unknown;
    try {
      const doc = JSON.parse(new TextDecoder().decode(res.body)) as { token?: unknown; access_token?: unknown };
      token = doc.token ?? doc.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') {
      throw new RegistryError('REGISTRY_BAD_RESPONSE', `token server answered without a token (${where}); check the registry's auth configuration`, { status: res.status, request: where });
    }
    return token;
  }
}

function tokenKey(registry: string, repository: string): string {
  return `${registry}\u0000${repository}`;
}

function basicHeader(credential: Extract<Credential, { kind: 'basic' }>): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`;
}

function transportFailure(code: string, method: string, url: URL, cause: unknown): { retryable: boolean; error: RegistryError } {
  const request = describeRequest(method, url);
  if (code === 'TOO_LARGE') {
    return { retryable: false, error: new RegistryError('REGISTRY_TOO_LARGE', `registry response is larger than allowed (${request}); the registry or the image is not what signet expects`, { request, cause }) };
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
