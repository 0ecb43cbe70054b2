/** Pushing the image and pulling a pinned base, against a real `docker-registry` on 127.0.0.1. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignerImage } from '../../src/image/build.js';
import { pushSignerImage } from '../../src/image/push.js';
import { createRegistryClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { writeFixtureBase } from './_base-fixture.js';
import { tempDir } from '../helpers/temp-dir.js';

describe.skipIf(!registryAvailable())('push and registry base', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ maxBlobBytes: 1 << 30 });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  it('pushes the image, then rebuilds it on the pushed base with the same config and layers', async () => {
    // GIVEN an image built on a pinned layout base
    const dir = tempDir('signet-push-');
    const baseDigest = await writeFixtureBase(join(dir, 'base'));
    writeFileSync(join(dir, 'signet.cjs'), 'launcher');
    writeFileSync(join(dir, 'signet-cli.cjs'), 'bundle');
    const options = { bundlePath: join(dir, 'signet.cjs'), version: '0.0.0-test', cacheDir: join(dir, 'cache') };
    const onLayout = await buildSignerImage({ ...options, base: `oci-layout:${join(dir, 'base')}@${baseDigest}` });
    // WHEN the image is pushed
    const pushed = await pushSignerImage(client, `${registry.host}/signet/signer:test`, onLayout);
    const head = await client.headManifest({ registry: registry.host, repository: 'signet/signer' }, 'test');
    // THEN the registry serves the same digest
    expect(pushed).toEqual({ reference: `${registry.host}/signet/signer@${onLayout.manifestDigest}`, digest: onLayout.manifestDigest });
    expect(head?.digest).toBe(onLayout.manifestDigest);

    // AND WHEN the base is pushed by digest and used as a registry base
    const baseRepo = { registry: registry.host, repository: 'signet/base' };
    for (const name of readdirSync(join(dir, 'base/blobs/sha256'))) {
      if (`sha256:${name}` !== baseDigest) await client.putBlob(baseRepo, readFileSync(join(dir, 'base/blobs/sha256', name)));
    }
    await client.putManifest(baseRepo, baseDigest, readFileSync(join(dir, 'base/blobs/sha256', baseDigest.slice(7))), 'application/vnd.oci.image.manifest.v1+json');
    const onRegistry = await buildSignerImage({ ...options, base: `${registry.host}/signet/base@${baseDigest}`, fetcher: client });
    // THEN the layers and config are the same; only the manifest's base annotations name the registry
    expect(onRegistry.config.descriptor.digest).toBe(onLayout.config.descriptor.digest);
    expect(onRegistry.layers.map((l) => l.descriptor.digest)).toEqual(onLayout.layers.map((l) => l.descriptor.digest));
    expect(JSON.parse(Buffer.from(onRegistry.manifest.bytes).toString()).annotations).toEqual({
      'org.opencontainers.image.base.name': `${registry.host}/signet/base`,
      'org.opencontainers.image.base.digest': baseDigest,
    });
  });

  it('fails a push to a digest that is not the image', async () => {
    const dir = tempDir('signet-push-');
    const baseDigest = await writeFixtureBase(join(dir, 'base'));
    writeFileSync(join(dir, 'signet.cjs'), 'launcher');
    writeFileSync(join(dir, 'signet-cli.cjs'), 'bundle');
    const build = await buildSignerImage({ bundlePath: join(dir, 'signet.cjs'), version: '0', cacheDir: join(dir, 'cache'), base: `oci-layout:${join(dir, 'base')}@${baseDigest}` });
    await expect(pushSignerImage(client, `${registry.host}/signet/signer@${baseDigest}`, build)).rejects.toThrow(/names digest .* but the image is/);
  });
});
