import { anonymous } from './credentials.js';
import { createHttpSend } from './http.js';
import { Authenticator } from './transport-auth.js';
import { TokenSource } from './transport-bearer.js';
import { statusError } from './transport-errors.js';
import { resolveLocation } from './transport-origin.js';
import { RetryingSender } from './transport-retry.js';
import { SchemeMemory } from './transport-scheme.js';
import type { RegistryRequest, RegistryResponse, TransportOptions } from './transport-types.js';

export { parseOciErrorCodes, statusError } from './transport-errors.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BODY = 4 * 1024 * 1024;

/**
 * The registry transport, composed like ggcr's `remote/transport`: scheme probing
 * ({@link SchemeMemory}), retries ({@link RetryingSender}), Basic and Bearer auth
 * ({@link Authenticator}, one token per repository reused across requests), redirects, and
 * redacted errors. Credentials are scoped by construction: they are bound to the registry's origin
 * (or the token realm's) and attached per try only to URLs of that origin (transport-origin.ts).
 */
export class Transport {
  private readonly closeSend: () => void;
  private readonly schemes: SchemeMemory;
  private readonly sender: RetryingSender;
  private readonly auth: Authenticator;

  public constructor(private readonly options: TransportOptions = {}) {
    let send = options.send;
    if (send !== undefined) {
      this.closeSend = () => undefined;
    } else {
      const pooled = createHttpSend(options.tls);
      send = pooled.send;
      this.closeSend = pooled.close;
    }
    this.schemes = new SchemeMemory(options.allowHttp ?? false);
    this.sender = new RetryingSender(send, this.schemes, options);
    this.auth = new Authenticator(options.credentials ?? anonymous, new TokenSource(this.sender, this.schemes, options.userAgent ?? 'signet'), this.schemes);
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
    let url = this.resolveUrl(req);
    let authRetried = false;
    let redirects = 0;
    for (;;) {
      const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'signet', ...req.headers };
      // Only the registry's own origin gets its credentials (the retry layer enforces it per try);
      // a request elsewhere (storage redirect, foreign upload Location) does not even fetch a token.
      const authorization = this.inRegistryOrigin(url, req.registry) ? await this.auth.authorization(req.registry, req.scope) : undefined;
      const res = await this.sender.exchange({
        kind: 'registry',
        method: req.method,
        url,
        headers,
        ...(authorization === undefined ? {} : { authorization }),
        ...(req.body === undefined ? {} : { body: req.body }),
        maxBodyBytes: req.maxBodyBytes ?? DEFAULT_MAX_BODY,
        registry: req.registry,
      });
      url = res.url; // may have switched to plain HTTP
      if (res.status === 401 && !authRetried && this.inRegistryOrigin(url, req.registry)) {
        authRetried = true;
        if (this.auth.learnChallenge(req.registry, req.scope, res, authorization !== undefined)) continue;
      }
      if (REDIRECTS.has(res.status) && res.headers.location !== undefined && redirects < MAX_REDIRECTS && (req.method === 'GET' || req.method === 'HEAD')) {
        redirects += 1;
        const next = resolveLocation(res.headers.location, url, req.method);
        this.schemes.assertAllowed(next, req.registry, req.method);
        url = next;
        continue;
      }
      if (expect.includes(res.status)) return { ...res, url };
      throw statusError(req.method, url, res, req.registry);
    }
  }

  private inRegistryOrigin(url: URL, registry: string): boolean {
    return url.origin === this.schemes.origin(registry);
  }

  private resolveUrl(req: RegistryRequest): URL {
    if (/^https?:\/\//.test(req.path)) {
      const url = resolveLocation(req.path, this.schemes.url(req.registry, '/'), req.method);
      this.schemes.assertAllowed(url, req.registry, req.method);
      return url;
    }
    return this.schemes.url(req.registry, req.path);
  }
}
