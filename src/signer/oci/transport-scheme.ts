import { isLoopbackRegistry } from './_challenge.js';
import { RegistryError } from './errors.js';
import { describeRequest } from './redact.js';

/** Errors that mean "the server answered a TLS hello in plain text". */
const TLS_MISMATCH_ERRORS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']);
/**
 * Errors that may mean "a TLS server hung up on plain HTTP": Node's TLS server resets; Go's answers a
 * 400 and closes, which a `HEAD` sees as a connection closed mid-answer.
 */
const HUNG_UP_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'HPE_CLOSED_CONNECTION']);
/** The status a TLS server (Go's, nginx) answers a plain-HTTP request with. */
const PLAIN_HTTP_TO_TLS_STATUS = 400;

/**
 * Scheme probing (cf. ggcr's `ping`, without the extra request). A remote registry is HTTPS until,
 * with `--allow-http-registry`, it answers the first TLS hello in plain text; then it is plain HTTP
 * for the rest of the run. A loopback registry is asked in plain HTTP first, where most local
 * registries answer, and is HTTPS when it does not answer that in HTTP (a TLS server hangs up or
 * answers 400): ggcr tries both schemes at once for such registries, and a TLS attempt costs a
 * process its first TLS context (tens of milliseconds of CPU) for nothing. No credentials travel
 * during the probe: they need the scheme learned first (see {@link plainHttpCredentials}).
 */
export class SchemeMemory {
  private readonly schemes = new Map<string, 'https' | 'http'>();

  public constructor(private readonly allowHttp: boolean) {}

  /** True when plain HTTP may be spoken to `host` at all: `--allow-http-registry`, or a loopback host. */
  public httpAllowed(host: string): boolean {
    return this.allowHttp || isLoopbackRegistry(host);
  }

  /** The origin of `registry` as known so far: HTTPS until plain HTTP was learned. */
  public origin(registry: string): string {
    return this.url(registry, '/').origin;
  }

  /**
   * True when credentials for `registry` may travel in clear text: `--allow-http-registry`, or the
   * registry itself speaks plain HTTP (loopback). A registry reached over TLS never lends its
   * credentials to a plain-HTTP realm or `Location`, loopback or not.
   */
  public plainHttpCredentials(registry: string): boolean {
    return this.allowHttp || this.schemes.get(registry) === 'http';
  }

  /** The URL of an API path on `registry`, with the scheme learned so far (or the one to probe first). */
  public url(registry: string, path: string): URL {
    return new URL(`${this.schemes.get(registry) ?? (isLoopbackRegistry(registry) ? 'http' : 'https')}://${registry}${path}`);
  }

  /**
   * After a failed exchange: the plain-HTTP URL to try instead when `code` shows that `registry`
   * answered TLS in plain text and may use HTTP; undefined otherwise.
   */
  public fallback(code: string, url: URL, registry: string): URL | undefined {
    // A concurrent request may have learned the scheme while this probe was in flight: follow it.
    const probing = !this.schemes.has(registry) || this.schemes.get(registry) === 'http';
    if (!TLS_MISMATCH_ERRORS.has(code) || url.protocol !== 'https:' || url.host !== registry || !this.httpAllowed(registry) || !probing) return undefined;
    this.schemes.set(registry, 'http');
    return new URL(url.toString().replace(/^https:/, 'http:'));
  }

  /**
   * Records the scheme of the first exchange with `registry` that got an answer; returns the HTTPS
   * URL to ask instead when that answer was a loopback probe's 400 (what TLS servers answer plain
   * HTTP with). Should HTTPS then meet a plain-text answer, {@link fallback} comes back to HTTP for
   * good and the 400 stands: at most three tries.
   */
  public learn(url: URL, registry: string, status: number): URL | undefined {
    if (url.host !== registry || this.schemes.has(registry)) return undefined;
    if (status === PLAIN_HTTP_TO_TLS_STATUS && this.probingPlainHttp(url, registry)) return this.toHttps(url);
    this.schemes.set(registry, url.protocol === 'http:' ? 'http' : 'https');
    return undefined;
  }

  /**
   * After a failed plain-HTTP probe of a loopback registry: the HTTPS URL to try next when the server hung up
   * (as a TLS server does), undefined otherwise. The failed try counts as one: a plain-HTTP registry that keeps
   * resetting connections gets no more tries than any other, and a malformed answer (an HTTP parse error) is
   * an HTTP server's, not a TLS server's.
   */
  public afterFailedProbe(code: string, url: URL, registry: string): URL | undefined {
    return HUNG_UP_ERRORS.has(code) && this.probingPlainHttp(url, registry) ? this.toHttps(url) : undefined;
  }

  /** True for the plain-HTTP probe of a loopback registry whose scheme is not known yet. */
  private probingPlainHttp(url: URL, registry: string): boolean {
    return url.protocol === 'http:' && url.host === registry && !this.schemes.has(registry) && isLoopbackRegistry(registry);
  }

  /** The HTTPS twin of a probe's URL; the scheme stays unknown until HTTPS gets an answer (or falls back). */
  private toHttps(url: URL): URL {
    return new URL(url.toString().replace(/^http:/, 'https:'));
  }

  /** Refuses a plain-HTTP URL the registry handed out unless plain HTTP is allowed for it or for the registry. */
  public assertAllowed(url: URL, registry: string, method: string): void {
    if (url.protocol === 'http:' && !this.httpAllowed(url.host) && !this.httpAllowed(registry)) {
      throw new RegistryError('REGISTRY_HTTP_NOT_ALLOWED', `registry sent a plain-HTTP URL (${describeRequest(method, url)}); use TLS on the registry or pass --allow-http-registry`, {
        request: describeRequest(method, url),
      });
    }
  }
}
