/**
 * Issue 9, "every malformed header is a registry error": a registry (here a raw TCP server, since
 * Node's HTTP server refuses to write such headers) whose answers do not parse as HTTP, or whose
 * auth challenge names an invalid realm. Exit 4 and one line, never an internal error or a retry
 * loop with "check the network".
 */
import { createServer, type Server, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectOneLineFailure, signet, workspace } from './_setup.js';

const CASES: [string, string, RegExp][] = [
  ['non-numeric Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n', /malformed HTTP response: HPE_INVALID_CONTENT_LENGTH/],
  ['header name with a space', 'HTTP/1.1 200 OK\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n', /malformed HTTP response: HPE_INVALID_HEADER_TOKEN/],
  ['control character in a header value', 'HTTP/1.1 200 OK\r\nX: a\u0001b\r\nContent-Length: 0\r\n\r\n', /malformed HTTP response: HPE_INVALID_HEADER_TOKEN/],
  ['conflicting Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx', /malformed HTTP response/],
  ['not HTTP at all', 'garbage\r\n\r\n', /malformed HTTP response/],
  ['invalid chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /malformed HTTP response/],
  ['Bearer challenge with an invalid realm', 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="http://[bad",service="x"\r\nContent-Length: 0\r\n\r\n', /invalid token realm/],
];

describe('malformed response headers', () => {
  let server: Server;
  let host: string;
  let answer = '';
  let requests = 0;
  const sockets = new Set<Socket>();
  let dir: string;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('data', () => {
        requests += 1;
        socket.end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
    dir = await workspace();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(CASES)('%s: registry error, not retried', async (_name, raw, pattern) => {
    answer = raw;
    requests = 0;
    const run = await signet(dir, ['verify', '--key', 'cosign.pub', '--allow-http-registry', `${host}/hostile/app@sha256:${'c'.repeat(64)}`]);
    expectOneLineFailure(run, 4, pattern);
    // The TLS probe (answered in plain text) and one HTTP try, no retries.
    expect(requests).toBeLessThanOrEqual(2);
  });
});
