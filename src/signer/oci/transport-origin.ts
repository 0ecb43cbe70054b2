import { RegistryError } from './errors.js';
import { describeRequest } from './redact.js';

/**
 * An `Authorization` value bound to the one origin it belongs to. The retry layer attaches it to a
 * request only through {@link authorizationFor}, so credentials reach no other host, port or
 * scheme whatever URL a redirect, an upload `Location` or a scheme fallback produces.
 */
export interface ScopedAuthorization {
  /** The header value (`Basic …`, `Bearer …`). */
  readonly value: string;
  /** The origin (`scheme://host[:port]`) it may be sent to. */
  readonly origin: string;
  /** Whether it may be sent in clear text (only when the registry itself is allowed plain HTTP). */
  readonly plainHttp: boolean;
}

/** Binds `value` to the origin of `url`. */
export function scopeAuthorization(value: string, url: URL, plainHttp: boolean): ScopedAuthorization {
  return { value, origin: url.origin, plainHttp };
}

/** True when a credential bound to `origin` may go with a request to `url`. */
export function mayCarryCredentials(url: URL, origin: string, plainHttp: boolean): boolean {
  return url.origin === origin && (url.protocol === 'https:' || plainHttp);
}

/** The `Authorization` value for a request to `url`: the scoped one when its origin matches, else none. */
export function authorizationFor(url: URL, scoped: ScopedAuthorization | undefined): string | undefined {
  if (scoped === undefined || !mayCarryCredentials(url, scoped.origin, scoped.plainHttp)) return undefined;
  return scoped.value;
}

/**
 * Resolves a `Location` header (absolute, relative or scheme-relative) against the URL that sent
 * it. Anything that is not an http(s) URL is the registry's fault: a {@link RegistryError}, never
 * an exception from `new URL`.
 */
export function resolveLocation(location: string, base: URL, method: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(location, base);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    const request = describeRequest(method, base);
    throw new RegistryError('REGISTRY_BAD_RESPONSE', `registry sent an invalid Location header (${request}); the registry is misconfigured or not a registry`, { request });
  }
  return url;
}
