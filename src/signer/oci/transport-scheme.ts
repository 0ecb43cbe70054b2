import { isLoopbackRegistry } from './_challenge.js';
import { RegistryError } from './errors.js';
import { describeRequest } from './redact.js';

/** Errors that mean "the server answered a TLS hello in plain text". */
const TLS_MISMATCH_ERRORS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']);

/**
 * Scheme probing (cf. ggcr's `ping`, without the extra request): every registry is HTTPS until a
 * loopback or `--allow-http-registry` registry answers the first TLS hello in plain text; then it
 * is plain HTTP for the rest of the run.
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

  /** The URL of an API path on `registry`, with the scheme learned so far. */
  public url(registry: string, path: string): URL {
    return new URL(`${this.schemes.get(registry) ?? 'https'}://${registry}${path}`);
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

  /** Records the scheme of the first exchange with `registry` that got an answer. */
  public learn(url: URL, registry: string): void {
    if (url.host === registry && !this.schemes.has(registry)) this.schemes.set(registry, url.protocol === 'http:' ? 'http' : 'https');
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
