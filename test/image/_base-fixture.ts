/** Test helper: a tiny OCI layout to use as a pinned `--base`, built with the project's own code. */
import { MEDIA_TYPES } from '../../src/image/constants.js';
import { buildPortableLayer } from '../../src/image/layer.js';
import { writeOciLayout } from '../../src/image/layout.js';
import { imageManifest, jsonBlob } from '../../src/image/manifest.js';
import type { Sha256Digest } from '../../src/shared/oci/index.js';

/** Writes a one-layer base image to `dir` and returns its manifest digest. */
export async function writeFixtureBase(dir: string): Promise<Sha256Digest> {
  const layer = await buildPortableLayer([
    { type: 'file', path: '/usr/bin/node', mode: 0o755, content: Buffer.from('#!fake node\n') },
    { type: 'file', path: '/etc/passwd', mode: 0o644, content: Buffer.from('root:x:0:0::/root:/sbin/nologin\n') },
  ]);
  const config = jsonBlob({
    created: '2024-01-01T00:00:00Z',
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['PATH=/usr/bin', 'SSL_CERT_FILE=/elsewhere.pem', 'NODE_VERSION=20'], User: '0' },
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    history: [{ created: '2024-01-01T00:00:00Z', created_by: 'fixture base' }],
  }, MEDIA_TYPES.ociConfig);
  const manifest = jsonBlob(imageManifest(config.descriptor, [layer.descriptor]), MEDIA_TYPES.ociManifest);
  await writeOciLayout(dir, { manifest, blobs: [config, layer], refName: 'fixture', platform: { architecture: 'amd64', os: 'linux' } });
  return manifest.descriptor.digest;
}
