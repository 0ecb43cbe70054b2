/**
 * A scripted "registry" on 127.0.0.1 for the hostile-registry suite: plain HTTP, no auth, every
 * answer decided by the test's handler, every request recorded. The signer reaches it like any
 * loopback registry (TLS probe refused, then HTTP).
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the server saw. */
export interface SeenRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
}

/** What the handler answers; `undefined` means 404. */
export interface ScriptedResponse {
  readonly status: number;
  /** @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default - empty */
  readonly body?: Uint8Array | string;
}

/** A running scripted registry. */
export interface ScriptedRegistry {
  /** `127.0.0.1:PORT`, the registry part of image references. */
  readonly host: string;
  /** Every request so far, in order. */
  readonly requests: SeenRequest[];
  stop(): Promise<void>;
}

/** Starts a server answering each request with `handle(method, path)`. */
export async function startScriptedRegistry(handle: (method: string, path: string) => ScriptedResponse | undefined): Promise<ScriptedRegistry> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    requests.push({ method, url });
    req.resume();
    req.on('end', () => {
      const answer = handle(method, new URL(url, 'http://x').pathname) ?? { status: 404, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"code":"NAME_UNKNOWN","message":"not here"}]}' };
      const body = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
      res.writeHead(answer.status, { 'content-length': String(body.byteLength), ...answer.headers });
      res.end(method === 'HEAD' ? undefined : body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

