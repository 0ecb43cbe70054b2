import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRegistryClient, parseDockerConfig, RegistryError, type RequestEvent } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { makeTestCertificates } from '../../helpers/registry-certs.js';
import { tempDir } from '../../helpers/temp-dir.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const creds = { username: 'signer', password: 'p4ss-w0rd' };
const dockerConfigFor = (host: string, user = creds.username, pass = creds.password): string =>
  JSON.stringify({ auths: { [host]: { auth: b64(`${user}:${pass}`) } } });

describe('registry verbs against a plain-HTTP loopback registry', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('pushes blobs and a manifest, then reads them back with verified digests', async () => {
    const events: RequestEvent[] = [];
    const client = createRegistryClient({ onRequest: (e) => events.push(e) });
    try {
      const repo = { registry: registry.host, repository: 'verbs/app' };
      const image = await pushRandomImage(client, repo, 'v1');
      const head = await client.headManifest(repo, 'v1');
      expect(head).toEqual({ digest: image.digest, mediaType: image.mediaType, size: image.manifest.byteLength });
      const got = await client.getManifest(repo, image.digest);
      expect(Buffer.from(got!.bytes).equals(Buffer.from(image.manifest))).toBe(true);
      const manifest = JSON.parse(new TextDecoder().decode(image.manifest)) as { layers: { digest: string }[] };
      const layerDigest = manifest.layers[0]!.digest;
      expect(await client.headBlob(repo, layerDigest)).toBe(true);
      expect((await client.getBlob(repo, layerDigest)).byteLength).toBe(64);
      expect(await client.getManifest(repo, 'missing')).toBeUndefined();
      expect(await client.headManifest(repo, 'missing')).toBeUndefined();
      expect(await client.headBlob(repo, `sha256:${'0'.repeat(64)}`)).toBe(false);
      // Every exchange went over plain HTTP after one refused TLS hello (not reported as a request).
      expect(events.every((e) => e.url.startsWith('http://'))).toBe(true);
      expect(events.every((e) => e.status !== undefined)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('skips an existing blob with HEAD when asked', async () => {
    const client = createRegistryClient();
    try {
      const repo = { registry: registry.host, repository: 'verbs/skip' };
      const bytes = new TextEncoder().encode('same bytes');
      expect((await client.putBlob(repo, bytes, { skipIfExists: true })).uploaded).toBe(true);
      expect((await client.putBlob(repo, bytes, { skipIfExists: true })).uploaded).toBe(false);
    } finally {
      client.close();
    }
  });

  it('opens an upload before the bytes exist and finishes it later; a finished session uploads afresh', async () => {
    const events: RequestEvent[] = [];
    const client = createRegistryClient({ onRequest: (e) => events.push(e) });
    try {
      const repo = { registry: registry.host, repository: 'verbs/later' };
      // optional in the Pusher interface; signet's own client has it
      const upload = await client.startBlobUpload!(repo);
      expect(events.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 202']);
      const bytes = new TextEncoder().encode('known only later');
      const written = await upload.finish(bytes);
      expect(written).toEqual({ digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.byteLength, uploaded: true });
      expect(await client.headBlob(repo, written.digest)).toBe(true);
      // the registry forgets a completed session: a second finish gets 404 and falls back to a new upload
      const other = new TextEncoder().encode('another blob');
      const again = await upload.finish(other);
      expect(await client.headBlob(repo, again.digest)).toBe(true);
      expect(events.map((e) => `${e.method} ${e.status}`).slice(1)).toEqual(['PUT 201', 'HEAD 200', 'PUT 404', 'POST 202', 'PUT 201', 'HEAD 200']);
    } finally {
      client.close();
    }
  });

  it('fails with REGISTRY_NOT_FOUND and a redacted METHOD URL for a missing blob', async () => {
    const client = createRegistryClient();
    try {
      const err = await client.getBlob({ registry: registry.host, repository: 'verbs/none' }, `sha256:${'1'.repeat(64)}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RegistryError);
      expect((err as RegistryError).code).toBe('REGISTRY_NOT_FOUND');
      expect((err as RegistryError).status).toBe(404);
      expect((err as RegistryError).ociCodes).toEqual(['BLOB_UNKNOWN']);
      expect((err as RegistryError).request).toBe(`GET http://${registry.host}/v2/verbs/none/blobs/sha256:${'1'.repeat(64)}`);
      expect((err as Error).message).toMatch(/^registry answered 404 BLOB_UNKNOWN \(GET http:\/\/.*\); check the repository/);
    } finally {
      client.close();
    }
  });
});

describe('TLS with a test CA and htpasswd Basic auth', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ tls: true, basicAuth: creds });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('works with the CA and credentials from a Docker config, sending Basic after one challenge', async () => {
    const events: RequestEvent[] = [];
    const client = createRegistryClient({ tls: { caPem: [registry.caPem!] }, credentials: parseDockerConfig(dockerConfigFor(registry.host), 'config.json'), onRequest: (e) => events.push(e) });
    try {
      const repo = { registry: registry.host, repository: 'tls/app' };
      const image = await pushRandomImage(client, repo);
      expect((await client.headManifest(repo, 'latest'))?.digest).toBe(image.digest);
      expect(events.filter((e) => e.status === 401)).toHaveLength(1);
      expect(events.every((e) => e.url.startsWith('https://'))).toBe(true);
    } finally {
      client.close();
    }
  });

  it('rejects an untrusted certificate with REGISTRY_TLS and says how to fix it', async () => {
    const client = createRegistryClient({ credentials: parseDockerConfig(dockerConfigFor(registry.host), 'c') });
    try {
      const err = await client.headManifest({ registry: registry.host, repository: 'tls/app' }, 'latest').catch((e: unknown) => e);
      expect((err as RegistryError).code).toBe('REGISTRY_TLS');
      expect((err as Error).message).toMatch(/--registry-cacert FILE or set SSL_CERT_FILE/);
    } finally {
      client.close();
    }
  });

  it('skips verification with insecure (--allow-insecure-registry)', async () => {
    const client = createRegistryClient({ tls: { insecure: true }, credentials: parseDockerConfig(dockerConfigFor(registry.host), 'c') });
    try {
      expect(await client.headManifest({ registry: registry.host, repository: 'tls/none' }, 'latest')).toBeUndefined();
    } finally {
      client.close();
    }
  });

  it('fails with REGISTRY_UNAUTHORIZED for a wrong password, without printing it', async () => {
    const client = createRegistryClient({ tls: { caPem: [registry.caPem!] }, credentials: parseDockerConfig(dockerConfigFor(registry.host, 'signer', 'wrong-secret'), 'c') });
    try {
      const err = await client.headManifest({ registry: registry.host, repository: 'tls/app' }, 'latest').catch((e: unknown) => e);
      expect((err as RegistryError).code).toBe('REGISTRY_UNAUTHORIZED');
      expect((err as Error).message).not.toContain('wrong-secret');
      expect((err as Error).message).toContain('docker login');
    } finally {
      client.close();
    }
  });

  it('fails with REGISTRY_UNAUTHORIZED when anonymous', async () => {
    const client = createRegistryClient({ tls: { caPem: [registry.caPem!] } });
    try {
      const err = await client.headManifest({ registry: registry.host, repository: 'tls/app' }, 'latest').catch((e: unknown) => e);
      expect((err as RegistryError).code).toBe('REGISTRY_UNAUTHORIZED');
    } finally {
      client.close();
    }
  });
});

describe('Bearer token auth (in-process token server)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ tokenAuth: creds });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('fetches one push,pull token with the Docker config credentials and reuses it', async () => {
    const events: RequestEvent[] = [];
    const client = createRegistryClient({ pushIntent: true, credentials: parseDockerConfig(dockerConfigFor(registry.host), 'c'), onRequest: (e) => events.push(e) });
    try {
      const repo = { registry: registry.host, repository: 'token/app' };
      const image = await pushRandomImage(client, repo);
      expect((await client.getManifest(repo, image.digest))?.digest).toBe(image.digest);
      expect(registry.tokenServer!.requests).toEqual([{ scope: ['repository:token/app:pull,push'], authorized: true }]);
      expect(events.filter((e) => e.kind === 'token')).toHaveLength(1);
      expect(events.filter((e) => e.status === 401)).toHaveLength(1);
    } finally {
      client.close();
    }
  });

  it('fails with REGISTRY_UNAUTHORIZED when the token server refuses the credentials', async () => {
    const client = createRegistryClient({ credentials: parseDockerConfig(dockerConfigFor(registry.host, 'signer', 'nope'), 'c') });
    try {
      const err = await client.headManifest({ registry: registry.host, repository: 'token/app' }, 'latest').catch((e: unknown) => e);
      expect((err as RegistryError).code).toBe('REGISTRY_UNAUTHORIZED');
      expect((err as Error).message).toMatch(/^token server refused the credentials: 401/);
    } finally {
      client.close();
    }
  });
});

describe('scheme probing of a loopback registry that speaks TLS only', () => {
  it('moves to HTTPS when the server hangs up on the plain-HTTP probe (a Node TLS server), and sends its credentials only over TLS', async () => {
    const certs = makeTestCertificates(tempDir('signet-tls-'));
    const seen: { authorization?: string }[] = [];
    const server = createHttpsServer({ cert: readFileSync(certs.certPath), key: readFileSync(certs.keyPath) }, (req, res) => {
      seen.push({ ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }) });
      if (req.headers.authorization === undefined) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
        return;
      }
      res.writeHead(200, { 'docker-content-digest': `sha256:${'a'.repeat(64)}`, 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '2' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const events: RequestEvent[] = [];
    const client = createRegistryClient({ tls: { caPem: [certs.caPem] }, credentials: parseDockerConfig(dockerConfigFor(host), 'c'), onRequest: (e) => events.push(e) });
    try {
      expect((await client.headManifest({ registry: host, repository: 'tls/app' }, 'latest'))?.digest).toBe(`sha256:${'a'.repeat(64)}`);
      expect(seen).toEqual([{}, { authorization: `Basic ${b64(`${creds.username}:${creds.password}`)}` }]);
      // The plain-HTTP probe the server hung up on, then TLS only.
      expect(events[0]).toMatchObject({ error: 'ECONNRESET' });
      expect(events[0]!.url.startsWith('http://')).toBe(true);
      expect(events.slice(1).every((e) => e.url.startsWith('https://'))).toBe(true);
    } finally {
      client.close();
      server.close();
    }
  });
});
