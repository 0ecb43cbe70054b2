import { spawn } from 'node:child_process';

import type { Credential } from './credentials.js';
import { RegistryError } from './errors.js';

/** Prefix of every Docker credential helper program (`credsStore: "pass"` runs `docker-credential-pass`). */
export const CREDENTIAL_HELPER_PREFIX = 'docker-credential-';

/** What a helper prints on stdout, with a non-zero exit, when it has nothing for the server. */
const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';

/** Username a helper answers with when the secret is an identity (refresh) token, not a password. */
const IDENTITY_TOKEN_USERNAME = '<token>';

/** Default bound on one helper run: cloud helpers (ECR, gcloud) make a network call of their own. */
export const DEFAULT_HELPER_TIMEOUT_MS = 30_000;

/** Default bound on a helper's stdout: real answers are a few KiB (cloud tokens included). */
export const DEFAULT_HELPER_MAX_OUTPUT_BYTES = 64 * 1024;

/** How to run credential helpers. */
export interface CredentialHelperOptions {
  /**
   * Environment of the helper process; its `PATH` is where the helper is looked up.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Working directory of the helper process.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Kill the helper and fail when it has not exited after this many milliseconds.
   * @default DEFAULT_HELPER_TIMEOUT_MS (30 s)
   */
  readonly timeoutMs?: number;
  /**
   * Kill the helper and fail when its stdout grows past this many bytes.
   * @default DEFAULT_HELPER_MAX_OUTPUT_BYTES (64 KiB)
   */
  readonly maxOutputBytes?: number;
}

/** One `get` request to a helper. */
export interface CredentialHelperRequest {
  /** The helper suffix, as written in `credsStore` or `credHelpers`. */
  readonly helper: string;
  /** What is written to the helper's stdin: `host[:port]`, or `https://index.docker.io/v1/` for Docker Hub. */
  readonly serverUrl: string;
  /** The registry, for error messages. */
  readonly registry: string;
  /** Where the helper was configured (e.g. `credsStore in /home/u/.docker/config.json`), for error messages. */
  readonly source: string;
}

/** Helper names are program-name suffixes, never paths: a config file must not pick an arbitrary binary. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Runs `docker-credential-<helper> get` the way the Docker CLI does: the server URL on stdin (no
 * newline), `{"ServerURL", "Username", "Secret"}` JSON on stdout. The helper's stderr is discarded
 * (some helpers print tokens or keyring details there) and its stdout is never quoted in errors.
 *
 * @returns the credential; `undefined` when the helper has none for the server ("credentials not
 *   found" answer, or an empty username and secret).
 * @throws RegistryError `REGISTRY_CONFIG` for a helper name that is not a plain name;
 *   `REGISTRY_CREDENTIAL_HELPER` when the helper is missing, fails, times out, or answers with
 *   something other than credentials JSON.
 */
export async function runCredentialHelper(request: CredentialHelperRequest, options: CredentialHelperOptions = {}): Promise<Credential | undefined> {
  const { helper, serverUrl, registry, source } = request;
  if (!HELPER_NAME.test(helper)) {
    throw new RegistryError('REGISTRY_CONFIG', `credential helper name ${JSON.stringify(helper.slice(0, 100))} for ${registry} is not a plain program suffix (${source}); use a name such as "pass" or "ecr-login"`);
  }
  const program = CREDENTIAL_HELPER_PREFIX + helper;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_HELPER_MAX_OUTPUT_BYTES;
  const fail = (what: string, fix: string, cause?: unknown): RegistryError =>
    new RegistryError('REGISTRY_CREDENTIAL_HELPER', `credential helper ${program} for ${registry} ${what} (${source}); ${fix}`, cause === undefined ? {} : { cause });
  const reproduce = `run: printf %s ${shellWord(serverUrl)} | ${program} get`;

  return await new Promise((resolve, reject) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const child = spawn(program, ['get'], {
      env: { ...(options.env ?? process.env) },
      cwd: options.cwd ?? process.cwd(),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const finish = (error: RegistryError | undefined, credential?: Credential): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        // The helper may have children of its own holding stdout open: stop reading either way.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        child.stdout.destroy();
        reject(error);
      } else {
        resolve(credential);
      }
    };
    const timer = setTimeout(() => finish(fail(`did not answer within ${formatSeconds(timeoutMs)}`, `check that it works without a terminal, then ${reproduce}`)), timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') finish(fail('is not on PATH', `install ${program} or remove the entry`, error));
      else if (error.code === 'EACCES') finish(fail('is not executable', `check the permissions of ${program} on PATH`, error));
      else finish(fail(`could not be started: ${error.code ?? 'error'}`, reproduce, error));
    });
    // A helper that exits without reading stdin makes the write fail with EPIPE: its exit status decides.
    child.stdin.on('error', () => undefined);
    child.stdin.end(serverUrl);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) finish(fail(`wrote more than ${maxOutput} bytes`, `check the helper; ${reproduce}`));
      else chunks.push(chunk);
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      const out = Buffer.concat(chunks).toString('utf8');
      if (code !== 0) {
        if (out.trim() === NOT_FOUND_MESSAGE) return finish(undefined, undefined);
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        return finish(fail(`failed (${how})`, `${reproduce} to see its message`));
      }
      const credential = parseHelperAnswer(out);
      if (credential === null) return finish(fail('answered with something other than credentials JSON', `check the helper's version; ${reproduce}`));
      finish(undefined, credential);
    });
  });
}

/** Reads a helper's `get` answer; `null` when it is not `{"Username": string, "Secret": string, …}`. */
function parseHelperAnswer(out: string): Credential | undefined | null {
  let doc: unknown;
  try {
    doc = JSON.parse(out);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null;
  const { Username: username, Secret: secret } = doc as { Username?: unknown; Secret?: unknown };
  if (typeof username !== 'string' || typeof secret !== 'string') return null;
  if (username === IDENTITY_TOKEN_USERNAME) return secret === '' ? undefined : { kind: 'identity-token', username: '', token: secret };
  if (username === '' && secret === '') return undefined;
  return { kind: 'basic', username, password: secret };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Quotes a server URL for the reproduction hint (host names and URLs need no escaping beyond this). */
function shellWord(text: string): string {
  return /^[A-Za-z0-9._:/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
