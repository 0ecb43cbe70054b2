/**
 * A "bystander" HTTP server on 127.0.0.1: it records every request (method, path, headers, body
 * size) and answers with a fixed response. Hostile-registry tests point redirects, upload
 * `Location`s and token realms at it to see what the signer would hand to a host that is not the
 * registry (it must never receive an `Authorization` header).
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the bystander received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case header names, as Node parsed them. */
  readonly headers: Readonly<http.IncomingHttpHeaders>;
  readonly bodyBytes: number;
}

/** Options of {@link startRecordingServer}. */
export interface RecordingServerOptions {
  /**
   * Status of every answer.
   * @default 404
   */
  readonly status?: number;
  /**
   * Headers of every answer.
   * @default { 'content-type': 'application/json' }
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Body of every answer.
   * @default an OCI error document with code NAME_UNKNOWN
   */
  readonly body?: string;
}

/** A running bystander. */
export interface RecordingServer {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The requests that carried an `Authorization` header (what a leak looks like). */
  withAuthorization(): RecordedRequest[];
  stop(): Promise<void>;
}

/** Starts the bystander on a free loopback port. Call `stop()` in `afterAll`. */
export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const body = options.body ?? '{"errors":[{"code":"NAME_UNKNOWN","message":"bystander"}]}';
  const server = http.createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.byteLength));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, bodyBytes });
      res.writeHead(options.status ?? 404, { 'content-type': 'application/json', ...options.headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url: `http://${host}`,
    requests,
    withAuthorization: () => requests.filter((r) => r.headers.authorization !== undefined),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
