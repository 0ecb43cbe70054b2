/**
 * Regenerates test/signer/cosign/fixtures/real-cosign/: keys made by the real `cosign
 * generate-key-pair` and the registry artifacts the real `cosign sign --key` writes (tag-based `.sig`
 * and, where the version has it, the Sigstore bundle referrer), for each cosign version in
 * test/tools/go-tools.json. The fixture tests then check signet against them without Go or a registry.
 *
 * Usage: node scripts/ensure-go-tools.mjs && node --import tsx scripts/real-cosign-fixtures.ts
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseReferrersIndex, parseReferrerManifest, referrersTag } from '../src/signer/cosign/bundle-format.js';
import { parseSignatureManifest, signatureTag } from '../src/signer/cosign/format.js';
import { createRegistryClient, type RepositoryRef } from '../src/signer/oci/index.js';
import { COSIGN_VERSIONS, cosign, type CosignMajor } from '../test/helpers/cosign.js';
import { startRegistry } from '../test/helpers/registry.js';

/** The password of the fixture keys (they protect nothing; they are test data). */
export const FIXTURE_PASSWORD = 'signet-fixture';
const OUT = fileURLToPath(new URL('../test/signer/cosign/fixtures/real-cosign/', import.meta.url));

/** A fixed image, so that its digest is the same in every regeneration. */
function fixedImage(): { config: Uint8Array; layer: Uint8Array } {
  const config = new TextEncoder().encode('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Labels":{"signet":"real-cosign-fixture"}}}');
  return { config, layer: new TextEncoder().encode('signet real-cosign fixture layer\n') };
}

async function generate(major: CosignMajor): Promise<void> {
  const tool = cosign(major);
  const dir = join(OUT, major);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const keys = await tool.run(['generate-key-pair'], { password: FIXTURE_PASSWORD });
  if (keys.code !== 0) throw new Error(`cosign ${tool.version} generate-key-pair failed: ${keys.stderr}`);
  copyFileSync(join(tool.home, 'cosign.key'), join(dir, 'cosign.key'));
  copyFileSync(join(tool.home, 'cosign.pub'), join(dir, 'cosign.pub'));

  const registry = await startRegistry();
  const client = createRegistryClient({ pushIntent: true });
  try {
    const info: Record<string, unknown> = { cosign: tool.version, generator: 'scripts/real-cosign-fixtures.ts', password: FIXTURE_PASSWORD };
    for (const format of ['legacy', 'bundle'] as const) {
      const repo: RepositoryRef = { registry: registry.host, repository: `fixture/${format}` };
      const { config, layer } = fixedImage();
      const configBlob = await client.putBlob(repo, config);
      const layerBlob = await client.putBlob(repo, layer);
      const manifest = new TextEncoder().encode(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: configBlob.size, digest: configBlob.digest },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', size: layerBlob.size, digest: layerBlob.digest }],
        }),
      );
      const digest = await client.putManifest(repo, 'v1', manifest, 'application/vnd.oci.image.manifest.v1+json');
      writeFileSync(join(dir, 'image-manifest.json'), manifest);
      const signed = await tool.sign('cosign.key', `${registry.host}/${repo.repository}@${digest}`, { password: FIXTURE_PASSWORD, bundle: format === 'bundle' });
      if (signed.code !== 0) {
        info[format] = { supported: false, error: signed.stderr.trim().split('\n').pop() };
        continue;
      }
      const sub = join(dir, format);
      mkdirSync(sub);
      if (format === 'legacy') {
        const sig = await client.getManifest(repo, signatureTag(digest));
        const parsed = parseSignatureManifest(sig!.bytes);
        writeFileSync(join(sub, 'sig-manifest.json'), sig!.bytes);
        writeFileSync(join(sub, 'sig-config.json'), await client.getBlob(repo, parsed.config.digest));
        writeFileSync(join(sub, 'payload.json'), await client.getBlob(repo, parsed.layers[0]!.digest));
        info.legacy = { supported: true, imageDigest: digest, repository: `${registry.host}/${repo.repository}` };
      } else {
        const index = await client.getManifest(repo, referrersTag(digest));
        const [entry] = parseReferrersIndex(index!.bytes);
        const referrer = await client.getManifest(repo, entry!.digest);
        writeFileSync(join(sub, 'referrers-index.json'), index!.bytes);
        writeFileSync(join(sub, 'referrer-manifest.json'), referrer!.bytes);
        writeFileSync(join(sub, 'bundle.json'), await client.getBlob(repo, parseReferrerManifest(referrer!.bytes).layers[0]!.digest));
        info.bundle = { supported: true, imageDigest: digest, repository: `${registry.host}/${repo.repository}` };
      }
    }
    writeFileSync(join(dir, 'info.json'), `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    client.close();
    await registry.stop();
  }
  rmSync(tool.home, { recursive: true, force: true });
}

for (const major of COSIGN_VERSIONS) {
  await generate(major);
  process.stderr.write(`real-cosign fixtures: ${major} written\n`);
}
