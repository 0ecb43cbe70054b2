import * as http from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import { SignetError } from '../../shared/errors.js';

/** One HTTP exchange as the transport sees it. */
export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Request body.
   * @default - an empty body
   */
  readonly body?: Uint8Array;
  /** Largest response body accepted; larger bodies fail with `TOO_LARGE`. */
  readonly maxBodyBytes: number;
  /** Idle timeout: the request fails when no byte moves for this long. */
  readonly timeoutMs: number;
  /**
   * Overall deadline in milliseconds: the whole exchange, body included, fails with `EDEADLINE`
   * when it takes longer (an idle timeout alone never ends a body dripped one byte at a time).
   * @default - no overall deadline: only `timeoutMs` (idle) ends the exchange
   */
  readonly deadlineMs?: number;
}

/** A complete response (bodies are small: manifests, signatures, tokens, error documents). */
export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with `, ` (except `www-authenticate`, kept first). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/**
 * Failure below HTTP: the request got no complete response. `code` is Node's (`ECONNRESET`, …) or the sender's own
 * (`TOO_LARGE`, `EDEADLINE`); the transport turns it into a {@link RegistryError} before it reaches a caller.
 */
export class HttpTransportError extends SignetError<string> {
  public constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Sends one HTTP request; the seam that fault-injection and unit tests replace. */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

/** TLS settings for {@link createHttpSend}. */
export interface TlsOptions {
  /**
   * Extra trusted CA certificates (PEM), added to Node's bundled roots.
   * @default - Node's bundled roots only
   */
  readonly caPem?: readonly string[];
  /**
   * Skip certificate verification (`--allow-insecure-registry`).
   * @default false
   */
  readonly insecure?: boolean;
}

/** An {@link HttpSend} with keep-alive connection pools, plus a way to release them. */
export interface PooledHttpSend {
  readonly send: HttpSend;
  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void;
}

/**
 * Creates the default sender on `node:http`/`node:https` (not global `fetch`, because custom CAs
 * and skipping verification need per-request TLS options that `fetch` only offers via undici).
 */
export function createHttpSend(tlsOptions: TlsOptions = {}): PooledHttpSend {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  // node:https and the agent are loaded and made at the first HTTPS request, and only then: a run against a
  // plain-HTTP (loopback) registry never pays for TLS. (process.getBuiltinModule, not import(): the bundled CLI
  // runs as a vm.Script, where import() has no loader.)
  let https: { readonly lib: typeof Https; readonly agent: Https.Agent } | undefined;
  const httpsStack = () => {
    if (https === undefined) {
      const lib = process.getBuiltinModule('node:https');
      https = { lib, agent: createHttpsAgent(lib, process.getBuiltinModule('node:tls'), tlsOptions) };
    }
    return https;
  };
  const send: HttpSend = (request) => {
    const { lib, agent } = request.url.protocol === 'https:' ? httpsStack() : { lib: http, agent: httpAgent };
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(request.body.byteLength);
      const req = lib.request(request.url, { method: request.method, headers, agent });
      let settled = false;
      let deadline: NodeJS.Timeout | undefined;
      // Settles before destroying: destroying emits `aborted`/`error`, which must not win the race
      // and turn a size or deadline error into a retryable ECONNRESET.
      const fail = (code: string, message: string, cause?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        reject(new HttpTransportError(code, message, { cause }));
        req.destroy();
      };
      // setTimeout fires at once beyond 2^31-1 ms (about 24 days): clamp, so a huge limit means "no limit".
      if (request.deadlineMs !== undefined) deadline = setTimeout(() => fail('EDEADLINE', `the exchange took longer than ${request.deadlineMs} ms`), Math.min(request.deadlineMs, 2 ** 31 - 1));
      req.setTimeout(request.timeoutMs, () => fail('ETIMEDOUT', `no response data for ${request.timeoutMs} ms`));
      req.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ECONNRESET', error.message, error));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const responseHeaders = flattenHeaders(res.headers);
        const declared = Number(responseHeaders['content-length'] ?? NaN);
        if (request.method !== 'HEAD' && Number.isFinite(declared) && declared > request.maxBodyBytes) {
          fail('TOO_LARGE', `response body of ${declared} bytes exceeds the limit of ${request.maxBodyBytes}`);
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.byteLength;
          if (received > request.maxBodyBytes) {
            fail('TOO_LARGE', `response body exceeds the limit of ${request.maxBodyBytes} bytes`);
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ECONNRESET', error.message, error));
        res.on('aborted', () => fail('ECONNRESET', 'the response was cut off'));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete || (request.method !== 'HEAD' && Number.isFinite(declared) && received !== declared)) {
            fail('ECONNRESET', `the response body was truncated (${received} of ${declared} bytes)`);
            return;
          }
          settled = true;
          clearTimeout(deadline);
          resolve({ status, headers: responseHeaders, body: new Uint8Array(Buffer.concat(chunks)) });
        });
      });
      req.end(request.body === undefined ? undefined : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
    });
  };
  return {
    send,
    close: () => {
      httpAgent.destroy();
      https?.agent.destroy();
    },
  };
}

/**
 * The HTTPS agent, with one TLS context for all of its sockets. Without `secureContext`, Node builds a
 * context per socket from the agent's options, and with extra CAs that means parsing every trusted
 * certificate again for each connection (tens of milliseconds each with a system bundle in
 * `SSL_CERT_FILE`). Certificates already among Node's roots are not added twice.
 */
function createHttpsAgent(https: typeof Https, tls: typeof Tls, tlsOptions: TlsOptions): Https.Agent {
  const extra = uniqueCertificates(tlsOptions.caPem ?? [], tls.rootCertificates);
  const secureContext = extra.length > 0 ? tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] }) : undefined;
  return new https.Agent({
    keepAlive: true,
    maxSockets: 8,
    rejectUnauthorized: !(tlsOptions.insecure ?? false),
    ...(secureContext === undefined ? {} : { secureContext }),
  });
}

/** The certificates of `pems` (bundles split) that are not among `roots` (Node's), each once. */
export function uniqueCertificates(pems: readonly string[], roots: readonly string[]): string[] {
  const body = (pem: string): string => pem.replace(/-----[^-]+-----|\s/g, '');
  const seen = new Set(roots.map(body));
  const out: string[] = [];
  for (const pem of pems) {
    const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
    // Not plain certificates (or not PEM at all): handed to Node as they are, which judges them as before.
    if (certs === null) {
      out.push(pem);
      continue;
    }
    for (const cert of certs) {
      const key = body(cert);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(cert);
    }
  }
  return out;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? (name === 'www-authenticate' ? (value[0] ?? '') : value.join(', ')) : value;
  }
  return out;
}
