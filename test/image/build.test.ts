import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSignerImage } from '../../src/image/build.js';
import type { OciImageConfig } from '../../src/image/config.js';
import { writeFixtureBase } from './_base-fixture.js';
import { tempDir } from '../helpers/temp-dir.js';

async function buildOnFixture(bundle: string, launcher = 'launch()\n') {
  const dir = tempDir('signet-build-');
  const baseDigest = await writeFixtureBase(join(dir, 'base'));
  writeFileSync(join(dir, 'signet.cjs'), launcher);
  writeFileSync(join(dir, 'signet-cli.cjs'), bundle);
  return buildSignerImage({ bundlePath: join(dir, 'signet.cjs'), version: '0.0.0-test', cacheDir: join(dir, 'cache'), base: `oci-layout:${join(dir, 'base')}@${baseDigest}` });
}

describe('buildSignerImage on a pinned layout base', () => {
  it('gives the same digest for the same bundle, launcher and base, and a new one for a new bundle or launcher', async () => {
    const [a, b, c, d] = await Promise.all([buildOnFixture('one'), buildOnFixture('one'), buildOnFixture('two'), buildOnFixture('one', 'launch(2)\n')]);
    expect(b.manifestDigest).toBe(a.manifestDigest);
    expect(c.manifestDigest).not.toBe(a.manifestDigest);
    expect(d.manifestDigest).not.toBe(a.manifestDigest);
    // pinned: format changes (config fields, layer encoding, manifest) must be deliberate
    expect(a.manifestDigest).toMatchInlineSnapshot(`"sha256:37aa4da0be40c6f12653b7f968c05107140b5bde6b634f1f29d7204f89f43936"`);
  });

  it('gives the package\'s executable launcher (a #! line first) the same image as the plain one', async () => {
    const [plain, executable] = await Promise.all([buildOnFixture('"use strict";run()\n', '"use strict";launch()\n'), buildOnFixture('"use strict";run()\n', '#!/usr/bin/env node\n"use strict";launch()\n')]);
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
