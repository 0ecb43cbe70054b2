import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TokenSigningCert } from './registry-certs.js';

/** A tiny Docker token server on loopback, issuing ES256 JWTs that the distribution registry accepts. */
export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** Token requests seen (for assertions on token reuse); `refresh` marks an OAuth2 refresh-token POST. */
  readonly requests: { scope: string[]; authorized: boolean; refresh?: boolean }[];
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Credentials the token server demands. */
export interface TokenServerCredentials {
  readonly username: string;
  readonly password: string;
  /**
   * Also accept this OAuth2 refresh token (an identity token) in a `grant_type=refresh_token` POST.
   * @default - only Basic auth GETs
   */
  readonly refreshToken?: string;
}

/**
 * Starts the token server. With `credentials`, requests must carry matching Basic auth (or the
 * refresh token, POSTed); the token grants exactly the actions asked for in
 * `scope=repository:<name>:<actions>`.
 */
export async function startTokenServer(cert: TokenSigningCert, credentials?: TokenServerCredentials): Promise<TokenServer> {
  const service = 'signet-test-registry';
  const issuer = 'signet-test-issuer';
  const key = createPrivateKey(cert.keyPem);
  const requests: TokenServer['requests'][number][] = [];
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const scopes = form.getAll('scope').flatMap((scope) => scope.split(' '));
        const refreshToken = credentials?.refreshToken;
        const authorized = refreshToken !== undefined && form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === refreshToken;
        requests.push({ scope: scopes, authorized, refresh: true });
        if (!authorized) res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: issue(scopes), expires_in: 600 }));
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const scopes = url.searchParams.getAll('scope');
    const expected = credentials === undefined ? undefined : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const authorized = expected === undefined || req.headers.authorization === expected;
    requests.push({ scope: scopes, authorized });
    if (!authorized) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: issue(scopes), expires_in: 600 }));
  });
  function issue(scopes: readonly string[]): string {
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      return type === 'repository' && name !== undefined && actions !== undefined ? [{ type, name, actions: actions.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [cert.certDerBase64] };
    const claims = { iss: issuer, sub: credentials?.username ?? 'anonymous', aud: service, exp: now + 600, nbf: now - 60, iat: now, jti: randomUUID(), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${b64url(signature)}`;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
