import { parseChallenge, type Challenge } from './_challenge.js';
import type { CredentialStore } from './credentials.js';
import type { HttpResponse } from './http.js';
import { basicHeader } from './transport-basic.js';
import type { TokenSource } from './transport-bearer.js';
import { scopeAuthorization, type ScopedAuthorization } from './transport-origin.js';
import type { SchemeMemory } from './transport-scheme.js';
import type { Scope } from './transport-types.js';

/**
 * Which auth a registry wants (learned from its first 401) and the `Authorization` value for a
 * request to it: Basic with the stored password, or a Bearer token from {@link TokenSource}.
 */
export class Authenticator {
  private readonly challenges = new Map<string, Challenge>();

  public constructor(
    private readonly credentials: CredentialStore,
    private readonly tokens: TokenSource,
    private readonly schemes: SchemeMemory,
  ) {}

  /**
   * The authorization for requests to `registry`, bound to the registry's origin, if its challenge
   * is already known.
   */
  public async authorization(registry: string, scope: Scope): Promise<ScopedAuthorization | undefined> {
    const challenge = this.challenges.get(registry);
    if (challenge === undefined) return undefined;
    const credential = this.credentials(registry);
    let value: string | undefined;
    if (challenge.scheme === 'basic') value = credential?.kind === 'basic' ? basicHeader(credential) : undefined;
    else value = `Bearer ${await this.tokens.token(registry, challenge, scope, credential)}`;
    return value === undefined ? undefined : scopeAuthorization(value, this.schemes.url(registry, '/'), this.schemes.plainHttpCredentials(registry));
  }

  /**
   * Records the challenge of a 401; returns true when a retry with credentials makes sense.
   * `sentWithAuthorization` false means the request went out before any challenge was known (one
   * of several parallel first requests): its 401 says nothing about a token fetched meanwhile.
   */
  public learnChallenge(registry: string, scope: Scope, res: HttpResponse, sentWithAuthorization = true): boolean {
    const challenge = parseChallenge(res.headers['www-authenticate']);
    if (challenge === undefined) return false;
    const known = this.challenges.get(registry);
    this.challenges.set(registry, challenge);
    if (challenge.scheme === 'basic') {
      // Retrying only helps if we have a password we have not sent yet.
      return known?.scheme !== 'basic' && this.credentials(registry)?.kind === 'basic';
    }
    // A Bearer 401 to a request that carried a token means it expired or lacks scope: fetch a new one.
    if (sentWithAuthorization) this.tokens.forget(registry, scope.repository);
    return true;
  }
}
