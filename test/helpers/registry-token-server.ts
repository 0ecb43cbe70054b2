import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TokenSigningCert } from './registry-certs.js';

/** A tiny Docker token server on loopback, issuing ES256 JWTs that the distribution registry accepts. */
export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** Token requests seen (for assertions on token reuse). */
  readonly requests: { scope: string[]; authorized: boolean }[];
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Starts the token server. With `credentials`, requests must carry matching Basic auth; the token
 * grants exactly the actions asked for in `scope=repository:<name>:<actions>`.
 */
export async function startTokenServer(cert: TokenSigningCert, credentials?: { username: string; password: string }): Promise<TokenServer> {
  const service = 'signet-test-registry';
  const issuer = 'signet-test-issuer';
  const key = createPrivateKey(cert.keyPem);
  const requests: { scope: string[]; authorized: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const scopes = url.searchParams.getAll('scope');
    const expected = credentials === undefined ? undefined : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const authorized = expected === undefined || req.headers.authorization === expected;
    requests.push({ scope: scopes, authorized });
    if (!authorized) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      return type === 'repository' && name !== undefined && actions !== undefined ? [{ type, name, actions: actions.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [cert.certDerBase64] };
    const claims = { iss: issuer, sub: credentials?.username ?? 'anonymous', aud: service, exp: now + 600, nbf: now - 60, iat: now, jti: randomUUID(), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${input}.${b64url(signature)}`, expires_in: 600 }));
  });
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
