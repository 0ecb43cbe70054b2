import type { Challenge } from './_challenge.js';
import type { Credential } from './credentials.js';
import { RegistryError } from './errors.js';
import { describeRequest } from './redact.js';
import { basicHeader } from './transport-basic.js';
import { statusError } from './transport-errors.js';
import { mayCarryCredentials, scopeAuthorization, type ScopedAuthorization } from './transport-origin.js';
import type { RetryingSender } from './transport-retry.js';
import type { SchemeMemory } from './transport-scheme.js';
import type { Scope } from './transport-types.js';

const TOKEN_MAX_BODY = 1024 * 1024;

/** A Bearer challenge: where and for which service to ask for tokens. */
export type BearerChallenge = Extract<Challenge, { scheme: 'bearer' }>;

interface CachedToken {
  readonly token: string;
  readonly actions: ReadonlySet<string>;
}

/**
 * Bearer tokens (cf. ggcr's `bearerTransport`): one token per registry and repository, widened to
 * the union of the actions asked for so far, fetched from the challenge's realm with the
 * credential (Basic, or an identity token as an OAuth2 refresh token).
 */
export class TokenSource {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();

  public constructor(
    private readonly sender: RetryingSender,
    private readonly schemes: SchemeMemory,
    private readonly userAgent: string,
  ) {}

  /** A token for `scope`, from the cache when it covers the actions, else from the realm. */
  public async token(registry: string, challenge: BearerChallenge, scope: Scope, credential: Credential | undefined): Promise<string> {
    const key = tokenKey(registry, scope.repository);
    const cached = this.tokens.get(key);
    if (cached !== undefined && scope.actions.every((a) => cached.actions.has(a))) return cached.token;
    const actions = new Set([...(cached?.actions ?? []), ...scope.actions]);
    // Parallel first requests (sign starts several while the key decrypts) share one token request.
    const flightKey = `${key}\u0000${[...actions].sort().join(',')}`;
    const inFlight = this.pending.get(flightKey);
    if (inFlight !== undefined) return inFlight;
    const fetching = this.fetch(registry, challenge, scope.repository, actions, credential).then((token) => {
      this.tokens.set(key, { token, actions });
      return token;
    });
    this.pending.set(flightKey, fetching);
    try {
      return await fetching;
    } finally {
      this.pending.delete(flightKey);
    }
  }

  /** Drops the cached token (it expired or lacks scope). */
  public forget(registry: string, repository: string): void {
    this.tokens.delete(tokenKey(registry, repository));
  }

  private async fetch(registry: string, challenge: BearerChallenge, repository: string, actions: ReadonlySet<string>, credential: Credential | undefined): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      throw new RegistryError('REGISTRY_BAD_RESPONSE', `registry ${registry} sent an invalid token realm; check the registry's auth configuration`);
    }
    if (realm.protocol === 'http:' && !this.schemes.httpAllowed(realm.host) && !this.schemes.httpAllowed(registry)) {
      throw new RegistryError('REGISTRY_HTTP_NOT_ALLOWED', `token server uses plain HTTP (${describeRequest('GET', realm)}); use TLS or pass --allow-http-registry`);
    }
    const plainHttp = this.schemes.plainHttpCredentials(registry);
    if (credential !== undefined && !mayCarryCredentials(realm, realm.origin, plainHttp)) {
      throw new RegistryError(
        'REGISTRY_HTTP_NOT_ALLOWED',
        `token server uses plain HTTP but registry ${registry} is reached over TLS, and credentials are never sent in clear text (${describeRequest('GET', realm)}); serve the token realm over HTTPS or pass --allow-http-registry`,
        { request: describeRequest('GET', realm) },
      );
    }
    const scope = `repository:${repository}:${[...actions].sort().join(',')}`;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'application/json' };
    let method = 'GET';
    let body: Uint8Array | undefined;
    let authorization: ScopedAuthorization | undefined;
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
      if (credential?.kind === 'basic') authorization = scopeAuthorization(basicHeader(credential), realm, plainHttp);
    }
    const res = await this.sender.exchange({ kind: 'token', method, url, headers, ...(authorization === undefined ? {} : { authorization }), ...(body === undefined ? {} : { body }), maxBodyBytes: TOKEN_MAX_BODY, registry: realm.host });
    const where = describeRequest(method, url);
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError('REGISTRY_UNAUTHORIZED', `token server refused ${credential === undefined ? 'anonymous access' : 'the credentials'}: ${res.status} (${where}); check the credentials in DOCKER_CONFIG (docker login ${registry})`, {
        status: res.status,
        request: where,
      });
    }
    if (res.status !== 200) throw statusError(method, url, res, registry);
    return parseToken(res.body, where, res.status);
  }
}

function tokenKey(registry: string, repository: string): string {
  return `${registry}\u0000${repository}`;
}

/** The `token` (or OAuth2 `access_token`) of a token server's answer. */
function parseToken(body: Uint8Array, where: string, status: number): string {
  let token: unknown;
  try {
    const doc = JSON.parse(new TextDecoder().decode(body)) as { token?: unknown; access_token?: unknown };
    token = doc.token ?? doc.access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new RegistryError('REGISTRY_BAD_RESPONSE', `token server answered without a token (${where}); check the registry's auth configuration`, { status, request: where });
  }
  return token;
}
