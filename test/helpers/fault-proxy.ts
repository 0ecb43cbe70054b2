/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real registry (and, optionally, its token
 * server). Each request is classified by what the signer is doing (token, manifest HEAD/GET/PUT, blob
 * HEAD/GET, upload POST/PUT); rules pick requests by kind and inject a fault instead of, or on top of,
 * the real answer: an HTTP status (429 with `Retry-After`, 500/502/503), a connection reset, a
 * stalled (late) response, a truncated body, a canned response, or a rewritten real response.
 *
 * Requests keep their `Host` header, so the registry builds upload `Location`s that point back at the
 * proxy. With `tokenRealm`, `WWW-Authenticate` realms naming that token server are rewritten to the
 * proxy's `/__token`, so token requests pass through it too.
 *
 * For hostile-registry tests the proxy can also serve HTTPS (`tls`) in front of an HTTPS registry
 * (`targetCaPem`), drip a body one byte at a time, and send canned bodies chunked (no length).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** What a request is, from the signer's point of view. */
export type RequestKind =
  | 'token'
  | 'ping'
  | 'manifest-head'
  | 'manifest-get'
  | 'manifest-put'
  | 'blob-head'
  | 'blob-get'
  | 'upload-post'
  | 'upload-put'
  | 'upload-patch'
  | 'other';

/** Every kind the signer uses while signing (for "fault everything" loops). */
export const SIGNING_REQUEST_KINDS: readonly RequestKind[] = ['token', 'manifest-head', 'manifest-get', 'manifest-put', 'upload-post', 'upload-put'];

/** A response the proxy sends itself (or the real one after `mutate`). */
export interface CannedResponse {
  readonly status: number;
  /** @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default - empty */
  readonly body?: Uint8Array | string;
  /**
   * Send the body with chunked transfer encoding (no `Content-Length`), in 64 KiB writes.
   * @default false
   */
  readonly chunked?: boolean;
}

/** What to do to a matching request. */
export type Fault =
  /** Answer with this status without forwarding; `retryAfter` becomes the `Retry-After` header. */
  | { readonly type: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Close the connection without an answer (the request is not forwarded). */
  | { readonly type: 'reset' }
  /** Forward, then hold the real answer for `ms` before sending it (the request did reach the registry). */
  | { readonly type: 'stall'; readonly ms: number }
  /** Forward, then send the headers and half of the body and cut the connection. */
  | { readonly type: 'truncate' }
  /** Answer with this response without forwarding. */
  | { readonly type: 'respond'; readonly response: CannedResponse }
  /** Forward, then send whatever `change` makes of the real answer. */
  | { readonly type: 'mutate'; readonly change: (real: Required<Omit<CannedResponse, 'chunked'>> & { body: Uint8Array }) => CannedResponse }
  /** Answer 200 with a large `Content-Length`, then send one byte every `intervalMs` until the client gives up (not forwarded). */
  | { readonly type: 'drip'; readonly intervalMs: number };

/** When to inject a fault. */
export interface FaultRule {
  /** Request kinds this rule applies to. */
  readonly kind: RequestKind | readonly RequestKind[];
  /** The fault. */
  readonly fault: Fault;
  /**
   * Only requests whose path contains this string (e.g. `.sig` for the signature tag).
   * @default - any path
   */
  readonly pathIncludes?: string;
  /**
   * Matching requests to let through untouched before the first fault.
   * @default 0
   */
  readonly skip?: number;
  /**
   * Matching requests to fault (after `skip`); `Infinity` for every one.
   * @default 1
   */
  readonly times?: number;
}

/** One request seen by the proxy. */
export interface ProxiedRequest {
  readonly kind: RequestKind;
  readonly method: string;
  readonly path: string;
  /** The fault injected, if any. */
  readonly fault?: Fault['type'];
  /** Status sent to the client (0 when the connection was cut). */
  status: number;
  /** True when the request carried an `Authorization` header. */
  readonly authorized?: boolean;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The registry, `http://127.0.0.1:<port>`. */
  readonly target: string;
  /**
   * The registry's token realm (`TestRegistry.tokenServer.realm`), to route token requests through the proxy.
   * @default - token requests go straight to the token server
   */
  readonly tokenRealm?: string;
  /**
   * Initial rules (see {@link FaultProxy.setRules}).
   * @default []
   */
  readonly rules?: readonly FaultRule[];
  /**
   * Serve HTTPS with this certificate and key (PEM) instead of plain HTTP.
   * @default - plain HTTP
   */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  /**
   * CA certificate (PEM) to trust when `target` is an HTTPS registry.
   * @default - Node's bundled roots
   */
  readonly targetCaPem?: string;
}

/** A running proxy. */
export interface FaultProxy {
  /** `127.0.0.1:<port>`: use it as the registry part of image references. */
  readonly host: string;
  /** `http(s)://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly requests: ProxiedRequest[];
  /** Replaces the rules, resets their counters and clears {@link FaultProxy.requests}. */
  setRules(rules: readonly FaultRule[]): void;
  /** Requests whose fault was injected. */
  faulted(): ProxiedRequest[];
  stop(): Promise<void>;
}

const TOKEN_PATH = '/__token';

/** Classifies a registry API request by method and path. */
export function classifyRequest(method: string, path: string): RequestKind {
  const pathname = path.split('?')[0] ?? '';
  if (pathname === TOKEN_PATH) return 'token';
  if (pathname === '/v2/' || pathname === '/v2') return 'ping';
  if (/\/blobs\/uploads\/?$/.test(pathname)) return method === 'POST' ? 'upload-post' : 'other';
  if (/\/blobs\/uploads\/[^/]+$/.test(pathname)) return method === 'PUT' ? 'upload-put' : method === 'PATCH' ? 'upload-patch' : 'other';
  if (/\/manifests\/[^/]+$/.test(pathname)) return ({ HEAD: 'manifest-head', GET: 'manifest-get', PUT: 'manifest-put' } as const)[method as 'HEAD'] ?? 'other';
  if (/\/blobs\/sha256:[0-9a-f]{64}$/.test(pathname)) return ({ HEAD: 'blob-head', GET: 'blob-get' } as const)[method as 'HEAD'] ?? 'other';
  return 'other';
}

interface ArmedRule {
  readonly rule: FaultRule;
  seen: number;
}

/** Starts the proxy on a free loopback port. Call `stop()` in `afterAll`. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const tokenRealm = options.tokenRealm === undefined ? undefined : new URL(options.tokenRealm);
  let armed: ArmedRule[] = [];
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let proxyHost = '';

  const setRules = (rules: readonly FaultRule[]): void => {
    armed = rules.map((rule) => ({ rule, seen: 0 }));
    requests.length = 0;
  };
  setRules(options.rules ?? []);

  const pick = (kind: RequestKind, path: string): Fault | undefined => {
    for (const entry of armed) {
      const kinds: readonly RequestKind[] = typeof entry.rule.kind === 'string' ? [entry.rule.kind] : entry.rule.kind;
      if (!kinds.includes(kind)) continue;
      if (entry.rule.pathIncludes !== undefined && !path.includes(entry.rule.pathIncludes)) continue;
      entry.seen += 1;
      const skip = entry.rule.skip ?? 0;
      if (entry.seen > skip && entry.seen <= skip + (entry.rule.times ?? 1)) return entry.rule.fault;
    }
    return undefined;
  };

  const listener: http.RequestListener = (req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const kind = classifyRequest(method, path);
    const fault = pick(kind, path);
    const record: ProxiedRequest = { kind, method, path, ...(fault ? { fault: fault.type } : {}), status: 0, authorized: req.headers.authorization !== undefined };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      void handle(req, res, record, fault, body).catch(() => {
        record.status = 0;
        res.destroy();
      });
    });
  };
  const server = options.tls === undefined ? http.createServer(listener) : https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, listener);

  const send = (res: http.ServerResponse, record: ProxiedRequest, out: CannedResponse): void => {
    const body = out.body === undefined ? Buffer.alloc(0) : Buffer.from(out.body);
    record.status = out.status;
    if (out.chunked === true && record.method !== 'HEAD') {
      res.writeHead(out.status, { ...out.headers });
      for (let at = 0; at < body.byteLength; at += 65536) res.write(body.subarray(at, at + 65536));
      res.end();
      return;
    }
    res.writeHead(out.status, { ...out.headers, 'content-length': String(body.byteLength) });
    res.end(record.method === 'HEAD' ? undefined : body);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, record: ProxiedRequest, fault: Fault | undefined, body: Buffer): Promise<void> {
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'status') {
      send(res, record, { status: fault.status, headers: { 'content-type': 'application/json', ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }) }, body: `{"errors":[{"code":"UNAVAILABLE","message":"injected ${fault.status}"}]}` });
      return;
    }
    if (fault?.type === 'respond') {
      send(res, record, fault.response);
      return;
    }
    if (fault?.type === 'drip') {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024) });
      const timer = setInterval(() => res.write('{'), fault.intervalMs);
      timers.add(timer);
      res.once('close', () => clearInterval(timer));
      return;
    }
    const real = await forward(req, body, record.kind);
    if (fault?.type === 'stall') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fault.ms);
        timers.add(timer);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || req.socket.destroyed) return;
      send(res, record, real);
      return;
    }
    if (fault?.type === 'truncate') {
      record.status = real.status;
      res.writeHead(real.status, { ...real.headers, 'content-length': String(Math.max(real.body.byteLength, 2)) });
      res.write(real.body.subarray(0, Math.floor(real.body.byteLength / 2)));
      // Let the partial body leave before cutting the connection.
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    if (fault?.type === 'mutate') {
      send(res, record, fault.change(real));
      return;
    }
    send(res, record, real);
  }

  /** Sends the request upstream and returns the whole answer. */
  function forward(req: http.IncomingMessage, body: Buffer, kind: RequestKind): Promise<Required<Omit<CannedResponse, 'chunked'>> & { body: Uint8Array }> {
    const upstream =
      kind === 'token' && tokenRealm !== undefined ? new URL(`${tokenRealm.pathname}${(req.url ?? '').slice(TOKEN_PATH.length)}`, tokenRealm) : new URL(req.url ?? '/', target);
    const headers = { ...req.headers };
    delete headers['content-length'];
    return new Promise((resolve, reject) => {
      const lib = upstream.protocol === 'https:' ? https : http;
      const tls = options.targetCaPem === undefined ? {} : { ca: options.targetCaPem };
      const out = lib.request(upstream, { method: req.method, headers: { ...headers, 'content-length': String(body.byteLength) }, agent: false, ...tls }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('error', reject);
        answer.on('end', () => {
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value === undefined || name === 'content-length' || name === 'transfer-encoding' || name === 'connection' || name === 'keep-alive') continue;
            responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const challenge = responseHeaders['www-authenticate'];
          if (challenge !== undefined && tokenRealm !== undefined) {
            responseHeaders['www-authenticate'] = challenge.replace(`realm="${tokenRealm.toString()}"`, `realm="http://${proxyHost}${TOKEN_PATH}"`);
          }
          resolve({ status: answer.statusCode ?? 502, headers: responseHeaders, body: new Uint8Array(Buffer.concat(parts)) });
        });
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    host: proxyHost,
    url: `${options.tls === undefined ? 'http' : 'https'}://${proxyHost}`,
    requests,
    setRules,
    faulted: () => requests.filter((r) => r.fault !== undefined),
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
