import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestHex } from '../../src/shared/oci/index.js';
import { readOciLayoutImage } from '../../src/image/layout.js';
import { writeFixtureBase } from './_base-fixture.js';
import { tempDir } from '../helpers/temp-dir.js';

const tmp = (): string => tempDir('signet-layout-');
const platform = { architecture: 'amd64', os: 'linux' };

function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path)).toString('base64');
    }
  };
  walk('');
  return files;
}

describe('OCI layout', () => {
  it('writes the same files for the same image', async () => {
    const [a, b] = [tmp(), tmp()];
    expect(await writeFixtureBase(a)).toBe(await writeFixtureBase(b));
    expect(snapshotDir(a)).toEqual(snapshotDir(b));
  });

  it('has oci-layout, an index with the ref name, and content-addressed blobs', async () => {
    const dir = tmp();
    const digest = await writeFixtureBase(dir);
    expect(JSON.parse(readFileSync(join(dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests).toEqual([expect.objectContaining({ digest, annotations: { 'org.opencontainers.image.ref.name': 'fixture' } })]);
    expect(readdirSync(join(dir, 'blobs/sha256'))).toHaveLength(3);
  });

  it('reads an image back, verifying every blob', async () => {
    const dir = tmp();
    const digest = await writeFixtureBase(dir);
    const image = await readOciLayoutImage(dir, digest, platform);
    expect(image.manifestDigest).toBe(digest);
    expect(image.layerPaths).toHaveLength(1);
  });

  it('fails on a tampered blob, naming it', async () => {
    const dir = tmp();
    const digest = await writeFixtureBase(dir);
    const layer = (await readOciLayoutImage(dir, digest, platform)).manifest.layers[0]!;
    const path = join(dir, 'blobs/sha256', digestHex(layer.digest));
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    await expect(readOciLayoutImage(dir, digest, platform)).rejects.toThrow(`layer ${layer.digest} does not match its digest`);
  });

  it('fails on a digest that is not in the layout', async () => {
    const dir = tmp();
    await writeFixtureBase(dir);
    await expect(readOciLayoutImage(dir, `sha256:${'0'.repeat(64)}`, platform)).rejects.toThrow(/is missing from the layout/);
  });
});
