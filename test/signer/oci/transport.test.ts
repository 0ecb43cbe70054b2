import { describe, expect, it } from 'vitest';

import { HttpTransportError, parseDockerConfig, RegistryError, Transport, type HttpRequest, type HttpResponse } from '../../../src/signer/oci/index.js';

type Reply = Partial<HttpResponse> | Error;

/** A scripted sender: answers requests in order and records them. */
function scripted(replies: Reply[]): { send: (r: HttpRequest) => Promise<HttpResponse>; seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    send: async (r) => {
      seen.push(r);
      const next = replies.shift();
      if (next === undefined) throw new Error('unexpected request');
      if (next instanceof Error) throw next;
      return { status: 200, headers: {}, body: new Uint8Array(), ...next };
    },
  };
}

const req = { method: 'GET' as const, registry: 'registry.example.com', path: '/v2/app/manifests/v1', scope: { repository: 'app', actions: ['pull' as const] } };

function transport(replies: Reply[], extra: Partial<ConstructorParameters<typeof Transport>[0]> = {}) {
  const s = scripted(replies);
  const sleeps: number[] = [];
  const t = new Transport({ send: s.send, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...extra });
  return { t, seen: s.seen, sleeps };
}

describe('Transport retries', () => {
  it('retries 503 and 429 with exponential back-off and jitter, then succeeds', async () => {
    const { t, seen, sleeps } = transport([{ status: 503 }, { status: 429 }, { status: 200 }]);
    expect((await t.request(req, [200])).status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([150, 300]); // base 200 then 400, equal jitter at random()=0.5
  });

  it('honours Retry-After in seconds', async () => {
    const { t, sleeps } = transport([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }]);
    await t.request(req, [200]);
    expect(sleeps).toEqual([2000]);
  });

  it('fails at once when Retry-After exceeds the limit', async () => {
    const { t, seen } = transport([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const err = await t.request(req, [200]).catch((e: unknown) => e);
    expect((err as RegistryError).code).toBe('REGISTRY_RATE_LIMITED');
    expect((err as Error).message).toMatch(/retry after 3600 s/);
    expect(seen).toHaveLength(1);
  });

  it('retries connection resets and gives up after maxAttempts with a network error', async () => {
    const reset = () => new HttpTransportError('ECONNRESET', 'socket hang up');
    const { t, seen } = transport([reset(), reset(), reset()], { maxAttempts: 3 });
    const err = await t.request(req, [200]).catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect((err as RegistryError).code).toBe('REGISTRY_NETWORK');
    expect((err as Error).message).toBe('cannot reach registry: ECONNRESET (GET https://registry.example.com/v2/app/manifests/v1); check the network or retry later');
  });

  it('reports the last 5xx after exhausting attempts', async () => {
    const body = new TextEncoder().encode('{"errors":[{"code":"UNKNOWN","message":"boom"}]}');
    const { t } = transport([{ status: 500 }, { status: 502 }, { status: 500, body }], { maxAttempts: 3 });
    const err = (await t.request(req, [200]).catch((e: unknown) => e)) as RegistryError;
    expect(err.code).toBe('REGISTRY_SERVER_ERROR');
    expect(err.status).toBe(500);
    expect(err.ociCodes).toEqual(['UNKNOWN']);
  });

  it('does not retry TLS verification failures or oversized bodies', async () => {
    const { t, seen } = transport([new HttpTransportError('SELF_SIGNED_CERT_IN_CHAIN', 'x')]);
    expect(((await t.request(req, [200]).catch((e: unknown) => e)) as RegistryError).code).toBe('REGISTRY_TLS');
    expect(seen).toHaveLength(1);
    const big = transport([new HttpTransportError('TOO_LARGE', 'x')]);
    expect(((await big.t.request(req, [200]).catch((e: unknown) => e)) as RegistryError).code).toBe('REGISTRY_TOO_LARGE');
  });
});

describe('Transport auth and redirects', () => {
  const store = parseDockerConfig(JSON.stringify({ auths: { 'registry.example.com': { username: 'u', password: 'top-secret' } } }), 'c');

  it('answers a Bearer challenge with one token request and reuses the token', async () => {
    const { t, seen } = transport(
      [
        { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="reg",scope="repository:app:pull"' } },
        { status: 200, body: new TextEncoder().encode('{"token":"tok-123"}') },
        { status: 200 },
        { status: 200 },
      ],
      { credentials: store },
    );
    await t.request(req, [200]);
    await t.request(req, [200]);
    expect(seen.map((r) => `${r.method} ${r.url.toString()}`)).toEqual([
      'GET https://registry.example.com/v2/app/manifests/v1',
      'GET https://auth.example.com/token?service=reg&scope=repository%3Aapp%3Apull',
      'GET https://registry.example.com/v2/app/manifests/v1',
      'GET https://registry.example.com/v2/app/manifests/v1',
    ]);
    expect(seen[1]!.headers.authorization).toBe(`Basic ${Buffer.from('u:top-secret').toString('base64')}`);
    expect(seen[2]!.headers.authorization).toBe('Bearer tok-123');
    expect(seen[3]!.headers.authorization).toBe('Bearer tok-123');
  });

  it('drops credentials when a redirect leaves the registry origin, and redacts query values in errors', async () => {
    const { t, seen } = transport(
      [
        { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } },
        { status: 307, headers: { location: 'https://storage.example.com/blob?X-Amz-Signature=s3cr3t&digest=sha256:x' } },
        { status: 403 },
      ],
      { credentials: store },
    );
    const err = (await t.request(req, [200]).catch((e: unknown) => e)) as RegistryError;
    expect(seen[1]!.headers.authorization).toMatch(/^Basic /);
    expect(seen[2]!.headers.authorization).toBeUndefined();
    expect(err.message).not.toContain('s3cr3t');
    expect(err.request).toBe('GET https://storage.example.com/blob?X-Amz-Signature=redacted&digest=sha256%3Ax');
  });

  it('refuses a plain-HTTP upload location from a non-loopback registry', async () => {
    const { t } = transport([]);
    const err = (await t.request({ ...req, method: 'PUT', path: 'http://registry.example.com/v2/app/blobs/uploads/1?_state=abc' }, [201]).catch((e: unknown) => e)) as RegistryError;
    expect(err.code).toBe('REGISTRY_HTTP_NOT_ALLOWED');
    expect(err.message).toContain('_state=redacted');
  });

  it('never sends plain HTTP to a non-loopback registry that does not speak TLS', async () => {
    const { t, seen } = transport([new HttpTransportError('EPROTO', 'wrong version number')], { maxAttempts: 1 });
    await t.request(req, [200]).catch(() => undefined);
    expect(seen.map((r) => r.url.protocol)).toEqual(['https:']);
  });

  it('falls back to plain HTTP with --allow-http-registry', async () => {
    const { t, seen } = transport([new HttpTransportError('EPROTO', 'wrong version number'), { status: 200 }], { allowHttp: true });
    await t.request(req, [200]);
    expect(seen.map((r) => r.url.protocol)).toEqual(['https:', 'http:']);
  });
});

describe('Transport credential scoping', () => {
  const store = parseDockerConfig(JSON.stringify({ auths: { 'registry.example.com': { username: 'u', password: 'top-secret' }, '127.0.0.1:5000': { username: 'u', password: 'top-secret' } } }), 'c');
  const basic401 = { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } };

  it('sends no credentials to an upload Location on another origin', async () => {
    const { t, seen } = transport([basic401, { status: 202, headers: { location: 'https://other.example.com/u/1' } }, { status: 201 }], { credentials: store });
    await t.request({ ...req, method: 'POST', path: '/v2/app/blobs/uploads/' }, [202]);
    await t.request({ ...req, method: 'PUT', path: 'https://other.example.com/u/1?digest=sha256:x' }, [201]);
    expect(seen.map((r) => r.headers.authorization === undefined)).toEqual([true, false, true]);
  });

  it('never puts a caller-supplied Authorization header on the wire', async () => {
    const { t, seen } = transport([{ status: 200 }]);
    await t.request({ ...req, headers: { authorization: 'Basic c3RvbGVu' } }, [200]);
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses to send credentials to a plain-HTTP realm of a TLS registry, unless --allow-http-registry', async () => {
    const challenge = { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://127.0.0.1:9999/token",service="reg"' } };
    const { t, seen } = transport([challenge], { credentials: store });
    const err = (await t.request(req, [200]).catch((e: unknown) => e)) as RegistryError;
    expect(err.code).toBe('REGISTRY_HTTP_NOT_ALLOWED');
    expect(seen).toHaveLength(1);
    const allowed = transport([challenge, { status: 200, body: new TextEncoder().encode('{"token":"t"}') }, { status: 200 }], { credentials: store, allowHttp: true });
    await allowed.t.request(req, [200]);
    expect(allowed.seen[1]!.headers.authorization).toMatch(/^Basic /);
  });

  it('lets a loopback registry that speaks plain HTTP use its credentials on its own origin', async () => {
    const local = { ...req, registry: '127.0.0.1:5000' };
    const { t, seen } = transport([basic401, { status: 200 }], { credentials: store });
    await t.request(local, [200]);
    expect(seen.map((r) => `${r.url.protocol} ${r.headers.authorization === undefined ? '-' : 'auth'}`)).toEqual(['http: -', 'http: auth']);
  });

  it('moves a loopback registry that answers plain HTTP with 400 to HTTPS, where its credentials go', async () => {
    const local = { ...req, registry: '127.0.0.1:5000' };
    const { t, seen } = transport([{ status: 400 }, basic401, { status: 200 }], { credentials: store });
    await t.request(local, [200]);
    expect(seen.map((r) => `${r.url.protocol} ${r.headers.authorization === undefined ? '-' : 'auth'}`)).toEqual(['http: -', 'https: -', 'https: auth']);
  });
});

describe('Transport deadlines', () => {
  it('passes the request deadline to every try', async () => {
    const { t, seen } = transport([{ status: 200 }], { requestTimeoutMs: 1234 });
    await t.request(req, [200]);
    expect(seen[0]!.deadlineMs).toBe(1234);
  });

  it('does not retry an exchange that hit its deadline', async () => {
    const { t, seen } = transport([new HttpTransportError('EDEADLINE', 'slow'), { status: 200 }], { requestTimeoutMs: 2000 });
    const err = (await t.request(req, [200]).catch((e: unknown) => e)) as RegistryError;
    expect(seen).toHaveLength(1);
    expect(err.code).toBe('REGISTRY_TIMEOUT');
    expect(err.message).toBe(
      'registry did not finish answering within the 2 s request deadline (GET https://registry.example.com/v2/app/manifests/v1); the registry is stalling or very slow; raise --request-timeout if it is only slow',
    );
  });

  it('gives up at once when a retry wait would outlast the command deadline', async () => {
    const { t, seen, sleeps } = transport([{ status: 503, headers: { 'retry-after': '30' } }, { status: 200 }], { commandTimeoutMs: 10_000 });
    const err = (await t.request(req, [200]).catch((e: unknown) => e)) as RegistryError;
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(err.message).toMatch(/^registry work did not finish within the 10 s command deadline \(GET .*\); .* raise --timeout if it is only slow$/);
  });
});
