/**
 * Real-registry test harness: starts Debian's `docker-registry` (the CNCF distribution registry) on
 * 127.0.0.1 with a free port and a temporary storage directory, optionally with TLS (a CA made
 * here), htpasswd Basic auth, or token auth (an in-process token server issuing ES256 JWTs).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RegistryClient, RepositoryRef } from '../../src/signer/oci/index.js';
import { makeTestCertificates, makeTokenSigningCert } from './registry-certs.js';
import { startTokenServer, type TokenServer, type TokenServerCredentials } from './registry-token-server.js';

/** Path of the distribution registry binary from the Debian package `docker-registry`. */
export const REGISTRY_BIN = '/usr/bin/docker-registry';

/** Options of {@link startRegistry}. */
export interface StartRegistryOptions {
  /**
   * Serve HTTPS with a certificate from a CA the harness makes.
   * @default false
   */
  readonly tls?: boolean;
  /**
   * Require htpasswd Basic auth with these credentials.
   * @default - no auth
   */
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /**
   * Require Bearer tokens from an in-process token server; with credentials, the token server
   * demands them as Basic auth.
   * @default - no token auth
   */
  readonly tokenAuth?: TokenServerCredentials | true;
}

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:<port>`, the registry part of image references. */
  readonly host: string;
  /** `http(s)://127.0.0.1:<port>`. */
  readonly url: string;
  /** The CA certificate (PEM) when `tls` was set. */
  readonly caPem?: string;
  /** Path of that CA certificate. */
  readonly caPemPath?: string;
  /** The token server when `tokenAuth` was set. */
  readonly tokenServer?: TokenServer;
  /** Scratch directory for the test (removed on stop). */
  readonly workDir: string;
  /** Registry log output so far (for debugging failures). */
  logs(): string;
  /** Stops the registry and removes its storage; safe to call twice. */
  stop(): Promise<void>;
}

/** Runs the registry in the background and kills it when stdin closes (see startRegistry). */
const GUARD = 'exec 3<&0; "$1" serve "$2" </dev/null & pid=$!; { read _ignored <&3; kill $pid 2>/dev/null; } & wait $pid';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.stdin?.destroy();
});

/** True when the registry binary is installed (the `pretest` script installs it as root). */
export function registryAvailable(): boolean {
  return existsSync(REGISTRY_BIN);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a registry and waits until `/v2/` answers. Call `stop()` in `afterAll`. */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  if (!registryAvailable()) {
    throw new Error(`${REGISTRY_BIN} is missing; run "node scripts/ensure-test-deps.mjs" as root (or apt-get install docker-registry apache2-utils openssl)`);
  }
  const workDir = mkdtempSync(join(tmpdir(), 'signet-registry-'));
  let tokenServer: TokenServer | undefined;
  try {
    const certs = options.tls === true ? makeTestCertificates(workDir) : undefined;
    let auth = '';
    if (options.basicAuth !== undefined) {
      const line = execFileSync('htpasswd', ['-Bbn', options.basicAuth.username, options.basicAuth.password], { encoding: 'utf8' });
      writeFileSync(join(workDir, 'htpasswd'), line);
      auth = `auth:\n  htpasswd:\n    realm: signet-test\n    path: ${join(workDir, 'htpasswd')}\n`;
    } else if (options.tokenAuth !== undefined) {
      const signing = makeTokenSigningCert(workDir);
      tokenServer = await startTokenServer(signing, options.tokenAuth === true ? undefined : options.tokenAuth);
      auth = `auth:\n  token:\n    realm: ${tokenServer.realm}\n    service: ${tokenServer.service}\n    issuer: ${tokenServer.issuer}\n    rootcertbundle: ${signing.certPath}\n`;
    }
    for (let tries = 0; ; tries += 1) {
      const port = await freePort();
      const tls = certs === undefined ? '' : `  tls:\n    certificate: ${certs.certPath}\n    key: ${certs.keyPath}\n`;
      const config =
        `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(workDir, 'data')}\n  delete:\n    enabled: true\n` +
        `http:\n  addr: 127.0.0.1:${port}\n  secret: signet-test-secret\n${tls}${auth}`;
      writeFileSync(join(workDir, 'config.yml'), config);
      // A shell guard holds our end of a stdin pipe: when this process dies (even by SIGKILL, as
      // vitest may do to workers) the pipe closes, `read` returns and the registry is killed.
      const child = spawn('/bin/sh', ['-c', GUARD, 'registry-guard', REGISTRY_BIN, join(workDir, 'config.yml')], { stdio: ['pipe', 'pipe', 'pipe'] });
      running.add(child);
      let log = '';
      child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const scheme = certs === undefined ? 'http' : 'https';
      const url = `${scheme}://127.0.0.1:${port}`;
      const ready = await waitUntilReady(url, certs?.caPem, child);
      if (!ready) {
        child.stdin?.end();
        await exited;
        running.delete(child);
        if (tries < 3 && /address already in use/.test(log)) continue;
        throw new Error(`docker-registry did not start: ${log.trim().split('\n').slice(-3).join(' | ')}`);
      }
      let stopped = false;
      const server = tokenServer;
      return {
        host: `127.0.0.1:${port}`,
        url,
        ...(certs === undefined ? {} : { caPem: certs.caPem, caPemPath: certs.caPemPath }),
        ...(server === undefined ? {} : { tokenServer: server }),
        workDir,
        logs: () => log,
        stop: async () => {
          if (stopped) return;
          stopped = true;
          child.stdin?.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
          running.delete(child);
          await server?.stop();
          rmSync(workDir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await tokenServer?.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function waitUntilReady(url: string, caPem: string | undefined, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) return false;
    const status = await new Promise<number>((resolve) => {
      const lib = url.startsWith('https') ? https : http;
      const req = lib.get(`${url}/v2/`, { ...(caPem === undefined ? {} : { ca: caPem }), agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
    });
    if (status === 200 || status === 401) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A small test image pushed by {@link pushRandomImage}. */
export interface PushedImage {
  readonly digest: string;
  readonly manifest: Uint8Array;
  readonly mediaType: string;
}

/** Pushes a small random single-layer OCI image (config + layer + manifest) under `tag`. */
export async function pushRandomImage(client: RegistryClient, repo: RepositoryRef, tag = 'latest'): Promise<PushedImage> {
  const { manifest, mediaType } = await uploadRandomImage(client, repo);
  const digest = await client.putManifest(repo, tag, manifest, mediaType);
  return { digest, manifest, mediaType };
}

/** The platform a random test image's config names. */
export interface ImagePlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/**
 * Uploads the config and layer blobs of a small random single-layer OCI image and returns its manifest,
 * not yet pushed (the caller picks a tag or the digest).
 */
export async function uploadRandomImage(
  client: RegistryClient,
  repo: RepositoryRef,
  platform: ImagePlatform = { architecture: 'amd64', os: 'linux' },
): Promise<{ manifest: Uint8Array; mediaType: string }> {
  const config = new TextEncoder().encode(
    JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] }, config: { Labels: { nonce: randomBytes(8).toString('hex') } } }),
  );
  const configBlob = await client.putBlob(repo, config);
  const layerBlob = await client.putBlob(repo, randomBytes(64));
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: configBlob.size, digest: configBlob.digest },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layerBlob.size, digest: layerBlob.digest }],
    }),
  );
  return { manifest, mediaType };
}
