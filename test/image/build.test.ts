import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSignerImage } from '../../src/image/build.js';
import type { OciImageConfig } from '../../src/image/config.js';
import { writeFixtureBase } from './_base-fixture.js';
import { tempDir } from '../helpers/temp-dir.js';

async function buildOnFixture(bundle: string) {
  const dir = tempDir('signet-build-');
  const baseDigest = await writeFixtureBase(join(dir, 'base'));
  writeFileSync(join(dir, 'signet.cjs'), bundle);
  return buildSignerImage({ bundlePath: join(dir, 'signet.cjs'), version: '0.0.0-test', cacheDir: join(dir, 'cache'), base: `oci-layout:${join(dir, 'base')}@${baseDigest}` });
}

describe('buildSignerImage on a pinned layout base', () => {
  it('gives the same digest for the same bundle and base, and a new one for a new bundle', async () => {
    const [a, b, c] = await Promise.all([buildOnFixture('one'), buildOnFixture('one'), buildOnFixture('two')]);
    expect(b.manifestDigest).toBe(a.manifestDigest);
    expect(c.manifestDigest).not.toBe(a.manifestDigest);
    // pinned: format changes (config fields, layer encoding, manifest) must be deliberate
    expect(a.manifestDigest).toMatchInlineSnapshot(`"sha256:7cc23cfc42d91f102c3dc1cebb6fed0c5179ee229fba4eec3a9fec13a9e9b1b7"`);
  });

  it('gives the package\'s executable bundle (a #! line first) the same image as the plain bundle', async () => {
    const [plain, executable] = await Promise.all([buildOnFixture('"use strict";run()\n'), buildOnFixture('#!/usr/bin/env node\n"use strict";run()\n')]);
    expect(executable.manifestDigest).toBe(plain.manifestDigest);
    expect(executable.bundle).toEqual(plain.bundle);
  });

  it('runs the bundle as the non-root user with the base kept underneath and no secrets in Env', async () => {
    const build = await buildOnFixture('one');
    const config = JSON.parse(Buffer.from(build.config.bytes).toString('utf8')) as OciImageConfig;
    expect(config.created).toBe('1970-01-01T00:00:00Z');
    expect(config.config).toEqual({
      User: '65532:65532',
      Env: ['PATH=/usr/bin', 'NODE_VERSION=20', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
      Entrypoint: ['/usr/bin/node', '/opt/signet/signet.cjs'],
      WorkingDir: '/home/nonroot',
      Labels: expect.objectContaining({ 'org.opencontainers.image.version': '0.0.0-test', 'org.opencontainers.image.source': 'https://github.com/signet-dev/signet' }),
    });
    expect(config.rootfs.diff_ids).toEqual(build.layers.map((l) => l.diffId));
    expect(build.layers).toHaveLength(2);
    expect(JSON.stringify(config.config.Env)).not.toMatch(/PASSWORD|TOKEN|KEY/i);
  });

  it('records the base in the manifest annotations', async () => {
    const build = await buildOnFixture('one');
    const manifest = JSON.parse(Buffer.from(build.manifest.bytes).toString('utf8'));
    expect(manifest.annotations['org.opencontainers.image.base.digest']).toBe(build.base.lock.kind === 'runtime' ? undefined : build.base.lock.manifestDigest);
  });
});
