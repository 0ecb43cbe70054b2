/**
 * Finding 3: a `.sig` manifest cannot make `verify` do unbounded work. Like cosign (`maxLayers` in
 * pkg/oci/remote/signatures.go), a signature manifest of more than 1000 layers is refused before any
 * blob is read; the payloads' declared sizes are bounded (each, and in total) before the first blob
 * request, and no payload is read past its declared size.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MEDIA_TYPES, SIGNATURE_ANNOTATION } from '../../../src/signer/cosign/format.js';
import type { Signer } from '../../../src/signer/keys/index.js';
import { runSignet } from '../../helpers/cli.js';
import { expectCleanFailure } from '../../bad-input/_cli.js';
import { fakeImageDigest, KEY_ENV, keyFolder, signedLayer } from './_signatures.js';
import { startScriptedRegistry, type ScriptedRegistry, type ScriptedResponse } from './_scripted-registry.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const MiB = 1024 * 1024;
const sha256 = (bytes: string | Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A compact `.sig` manifest (hand-written so that 18,000 layers stay under the 4 MiB manifest limit). */
function manifestOf(layers: readonly { size: number; digest: string; signature?: string }[]): string {
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', size: 2, digest: sha256('{}') };
  const descriptors = layers.map((l) => ({ mediaType: MEDIA_TYPES.simpleSigning, size: l.size, digest: l.digest, annotations: { [SIGNATURE_ANNOTATION]: l.signature ?? 'AAAA' } }));
  return JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: descriptors });
}

describe('hostile registry: bounded verify', () => {
  let registry: ScriptedRegistry;
  let dir: string;
  let signer: Signer;
  let sigManifest = '';
  /** blob path → body */
  const blobs = new Map<string, Uint8Array | string>();

  beforeAll(async () => {
    ({ dir, signer } = await keyFolder());
    registry = await startScriptedRegistry((method, path): ScriptedResponse | undefined => {
      if (path.includes('/manifests/') && path.endsWith('.sig')) return method === 'PUT' ? { status: 201 } : { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: sigManifest };
      // enough of a registry for sign: the image exists, uploads succeed
      if (path.includes('/manifests/sha256:')) return { status: 200, headers: { 'content-type': OCI_MANIFEST, 'docker-content-digest': path.split('/manifests/')[1]! } };
      if (method === 'POST' && path.endsWith('/blobs/uploads/')) return { status: 202, headers: { location: '/v2/app/blobs/uploads/1' } };
      if (method === 'PUT' && path.includes('/blobs/uploads/')) return { status: 201 };
      const blob = blobs.get(path);
      return blob === undefined ? undefined : { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: blob };
    });
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = async (image: string) => {
    registry.requests.splice(0);
    const run = await runSignet(dir, ['verify', '--key', 'cosign.pub', `${registry.host}/app@${image}`], KEY_ENV);
    return { run, blobGets: registry.requests.filter((r) => r.url.includes('/blobs/')).length, requests: registry.requests.length };
  };

  it('refuses an 18,000-layer signature manifest without reading any layer', async () => {
    const layers = Array.from({ length: 18_000 }, (_, i) => ({ size: 1, digest: sha256(`layer ${i}`) }));
    sigManifest = manifestOf(layers);
    expect(sigManifest.length).toBeLessThan(4 * MiB);
    layers.forEach((l, i) => blobs.set(`/v2/app/blobs/${l.digest}`, `layer ${i}`));
    const { run, blobGets, requests } = await verify(fakeImageDigest('many'));
    expectCleanFailure(run, 5);
    expect(run.stderr).toMatch(/has 18000 layers, more than the 1000/);
    expect(blobGets).toBe(0);
    expect(requests).toBeLessThanOrEqual(2);
  });

  it('sign refuses to append to an 18,000-layer signature manifest, and writes no manifest', async () => {
    sigManifest = manifestOf(Array.from({ length: 18_000 }, (_, i) => ({ size: 1, digest: sha256(`layer ${i}`) })));
    registry.requests.splice(0);
    const run = await runSignet(dir, ['sign', '--key', 'cosign.key', `${registry.host}/app@${fakeImageDigest('sign-many')}`], KEY_ENV);
    expectCleanFailure(run, 5);
    expect(run.stderr).toMatch(/has 18000 layers, more than the 1000/);
    expect(registry.requests.filter((r) => r.method === 'PUT' && r.url.includes('/manifests/'))).toEqual([]);
  });

  it('refuses payloads declaring more than 64 MiB in total without reading any', async () => {
    const layers = Array.from({ length: 100 }, (_, i) => ({ size: MiB, digest: sha256(`big ${i}`) }));
    sigManifest = manifestOf(layers);
    const { run, blobGets } = await verify(fakeImageDigest('big-total'));
    expectCleanFailure(run, 5);
    expect(run.stderr).toMatch(/declare 104857600 payload bytes, more than the 67108864/);
    expect(blobGets).toBe(0);
  });

  it('rejects one payload declaring more than 16 MiB without reading it', async () => {
    const image = fakeImageDigest('big-one');
    sigManifest = manifestOf([{ size: 17 * MiB, digest: sha256('huge') }]);
    const { run, blobGets } = await verify(image);
    expectCleanFailure(run, 1);
    expect(run.stderr).toMatch(/payload declares 17825792 bytes, more than 16777216/);
    expect(blobGets).toBe(0);
  });

  it('reads no payload past its declared size', async () => {
    const image = fakeImageDigest('longer');
    const { layer, payload } = signedLayer(signer, `${registry.host}/app`, image);
    sigManifest = manifestOf([{ size: layer.size, digest: layer.digest, signature: layer.annotations![SIGNATURE_ANNOTATION]! }]);
    blobs.set(`/v2/app/blobs/${layer.digest}`, Buffer.concat([payload, Buffer.alloc(MiB, 0x20)]));
    const { run } = await verify(image);
    expectCleanFailure(run, 4);
    expect(run.stderr).toMatch(/larger than allowed|exceeds the limit/);
  });

  it('still reads 1000 layers (the limit) and finds the one valid signature', async () => {
    const image = fakeImageDigest('thousand');
    const { layer, payload } = signedLayer(signer, `${registry.host}/app`, image);
    const junk = Array.from({ length: 999 }, (_, i) => ({ size: `j${i}`.length, digest: sha256(`j${i}`) }));
    junk.forEach((j, i) => blobs.set(`/v2/app/blobs/${j.digest}`, `j${i}`));
    blobs.set(`/v2/app/blobs/${layer.digest}`, payload);
    sigManifest = manifestOf([...junk, { size: layer.size, digest: layer.digest, signature: layer.annotations![SIGNATURE_ANNOTATION]! }]);
    const { run, blobGets } = await verify(image);
    expect(run.code).toBe(0);
    expect(blobGets).toBe(1000);
  });
});
