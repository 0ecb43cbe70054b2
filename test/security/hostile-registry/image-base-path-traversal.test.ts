/**
 * Finding 2: `npm run image -- --base REF@sha256:…` must not let a registry's manifest choose where
 * blobs are written. A base manifest whose config or layer digest is a path (`…/../../PWNED`) is
 * refused before any request for that digest and before anything is written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { resolveBase } from '../../../src/image/base.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { startScriptedRegistry, type ScriptedRegistry } from './_scripted-registry.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha256 = (bytes: string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Every path under `dir`, relative. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('hostile registry: base image digests that are paths', () => {
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
  let manifest = '';
  let registry: ScriptedRegistry;
  let client: RegistryClient;

  beforeAll(async () => {
    registry = await startScriptedRegistry((_method, path) => {
      if (path.startsWith('/v2/base/manifests/')) return { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: manifest };
      if (path === `/v2/base/blobs/${sha256(config)}`) return { status: 200, body: config };
      // anything else (including a normalised `..` path) gets bytes the signer would write
      return { status: 200, body: 'pwned' };
    });
    client = createRegistryClient({ maxBlobBytes: 1024 * 1024 });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });
  afterEach(() => void registry.requests.splice(0));

  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it.each([
    ['not JSON', 'not json'],
    ['a JSON array', '[]'],
    ['a null layer', JSON.stringify({ schemaVersion: 2, config: { size: 2, digest: sha256('{}') }, layers: [null] })],
    ['a null config', JSON.stringify({ schemaVersion: 2, config: null, layers: [] })],
    ['a layer without a size', JSON.stringify({ schemaVersion: 2, config: { size: 2, digest: sha256('{}') }, layers: [{ digest: sha256('x') }] })],
    ['a null index entry', JSON.stringify({ schemaVersion: 2, manifests: [null] })],
  ])('refuses a base document that is %s with one clear error', async (_name, document) => {
    manifest = document;
    const root = mkdtempSync(join(tmpdir(), 'signet-hostile-base-'));
    roots.push(root);
    const error = await resolveBase({ kind: 'registry', reference: `${registry.host}/base`, digest: sha256(manifest) as `sha256:${string}` }, { cacheDir: join(root, 'cache'), fetcher: client }).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('BASE_INVALID');
    expect(registry.requests.filter((r) => r.url.includes('/blobs/'))).toEqual([]);
  });

  // From the pulled layout's blobs/sha256 folder, four `..` reach the test's root, outside the cache folder.
  const escapes = ['aaaaaaa/../../../../PWNED', 'sha256:aaaa/../../../../PWNED', 'sha256:../../../../PWNED', `SHA256:${'a'.repeat(64)}`, `sha256:${'A'.repeat(64)}`, `md5:${'a'.repeat(32)}`];

  it.each(escapes.flatMap((digest) => [['config', digest] as const, ['layer', digest] as const]))('refuses a %s digest %j', async (where, digest) => {
    const layers = [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size: 5, digest: where === 'layer' ? digest : sha256('x') }];
    const configDescriptor = { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: where === 'config' ? digest : sha256(config) };
    manifest = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: configDescriptor, layers });
    const root = mkdtempSync(join(tmpdir(), 'signet-hostile-base-'));
    roots.push(root);
    const cacheDir = join(root, 'cache');
    mkdirSync(cacheDir, { recursive: true });

    const error = await resolveBase({ kind: 'registry', reference: `${registry.host}/base`, digest: sha256(manifest) as `sha256:${string}` }, { cacheDir, fetcher: client }).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );

    // nothing outside the output folder, and no request ever carried the hostile digest
    expect(tree(root).filter((p) => !p.startsWith('cache'))).toEqual([]);
    expect(existsSync(join(root, 'PWNED'))).toBe(false);
    expect(registry.requests.map((r) => r.url).filter((u) => !u.includes('/manifests/') && !u.endsWith(sha256(config)))).toEqual([]);
    expect(error?.message).toMatch(/^base '.*' (config|layer \d+) digest ".*" is not a sha256 digest/);
    expect(error?.message).not.toContain('\n');
    expect(error?.code).toBe('BASE_INVALID');
  });
});
