import { describe, expect, it } from 'vitest';

import {
  type Descriptor,
  FormatError,
  MEDIA_TYPES,
  parseSignatureManifest,
  sha256Digest,
  signatureConfig,
  signatureLayer,
  signatureManifest,
  signatureTag,
  simpleSigningPayload,
} from '../../../src/signer/cosign/index.js';

const digest = (n: number): string => `sha256:${n.toString(16).padStart(2, '0').repeat(32)}`;
const layerFor = (n: number, extra: Record<string, string> = {}): Descriptor =>
  signatureLayer(simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: digest(n) }), 'TUVVQ0lR', extra);
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

function formatError(fn: () => unknown, code: string): FormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).code).toBe(code);
    return error as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('signatureConfig', () => {
  it('has one history entry and one diff_id per layer', () => {
    const layers = [layerFor(1), layerFor(2)];
    expect(text(signatureConfig(layers))).toBe(
      '{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"},{"created":"0001-01-01T00:00:00Z"}],' +
        `"os":"","rootfs":{"type":"layers","diff_ids":["${layers[0]!.digest}","${layers[1]!.digest}"]},"config":{}}`,
    );
  });

  it('refuses an empty layer list', () => {
    formatError(() => signatureConfig([]), 'FORMAT_INVALID_MANIFEST');
  });
});

describe('signatureManifest', () => {
  it('writes layers in order with sorted annotations, and is deterministic', () => {
    const layers = [layerFor(1, { 'dev.sigstore.cosign/chain': '', 'dev.sigstore.cosign/certificate': 'c' }), layerFor(2)];
    const built = signatureManifest(layers);
    expect(text(built.manifest)).toMatch(
      /^\{"schemaVersion":2,"mediaType":"application\/vnd\.oci\.image\.manifest\.v1\+json","config":\{"mediaType":"application\/vnd\.oci\.image\.config\.v1\+json","size":\d+,"digest":"sha256:[0-9a-f]{64}"\},"layers":\[/,
    );
    expect(text(built.manifest)).toContain(
      '"annotations":{"dev.cosignproject.cosign/signature":"TUVVQ0lR","dev.sigstore.cosign/certificate":"c","dev.sigstore.cosign/chain":""}}',
    );
    expect(built.manifest).toEqual(signatureManifest(layers).manifest);
    expect(built.manifestDigest).toBe(sha256Digest(built.manifest));
    expect(built.configDescriptor.digest).toBe(sha256Digest(built.config));
    expect(parseSignatureManifest(built.manifest).layers).toEqual(layers);
  });

  it('omits empty annotations', () => {
    const plain: Descriptor = { mediaType: MEDIA_TYPES.simpleSigning, size: 3, digest: digest(3), annotations: {} };
    expect(text(signatureManifest([plain]).manifest)).toContain(`"layers":[{"mediaType":"${MEDIA_TYPES.simpleSigning}","size":3,"digest":"${digest(3)}"}]}`);
  });

  it('can write Docker media types (COSIGN_DOCKER_MEDIA_TYPES), keeping the layer type', () => {
    const built = signatureManifest([layerFor(1)], { mediaTypes: 'docker' });
    expect(built.mediaType).toBe(MEDIA_TYPES.dockerManifest);
    expect(built.configDescriptor.mediaType).toBe(MEDIA_TYPES.dockerConfig);
    expect(parseSignatureManifest(built.manifest).mediaType).toBe(MEDIA_TYPES.dockerManifest);
    expect(parseSignatureManifest(built.manifest).layers[0]!.mediaType).toBe(MEDIA_TYPES.simpleSigning);
  });

  it('refuses a malformed layer descriptor', () => {
    formatError(() => signatureManifest([{ ...layerFor(1), size: -1 }]), 'FORMAT_INVALID_MANIFEST');
    formatError(() => signatureManifest([{ ...layerFor(1), digest: 'sha256:00' }]), 'FORMAT_INVALID_DIGEST');
  });
});

describe('parseSignatureManifest', () => {
  const config = `{"mediaType":"${MEDIA_TYPES.ociConfig}","size":2,"digest":"${digest(9)}"}`;
  const manifest = (fields: string): Uint8Array => new TextEncoder().encode(`{${fields}}`);

  it('accepts a manifest without a mediaType field and keeps foreign layers', () => {
    const parsed = parseSignatureManifest(
      manifest(`"schemaVersion":2,"config":${config},"layers":[{"mediaType":"application/x-other","size":1,"digest":"${digest(1)}","urls":["x"]}]`),
    );
    expect(parsed.mediaType).toBeUndefined();
    expect(parsed.layers).toEqual([{ mediaType: 'application/x-other', size: 1, digest: digest(1) }]);
  });

  it.each([
    ['an index', `"schemaVersion":2,"mediaType":"${MEDIA_TYPES.ociIndex}","manifests":[]`],
    ['schema version 1', `"schemaVersion":1,"config":${config},"layers":[]`],
    ['no layers', `"schemaVersion":2,"config":${config}`],
    ['no config', `"schemaVersion":2,"layers":[]`],
    ['a non-string annotation', `"schemaVersion":2,"config":${config},"layers":[{"mediaType":"m","size":1,"digest":"${digest(1)}","annotations":{"a":1}}]`],
    ['a fractional size', `"schemaVersion":2,"config":${config},"layers":[{"mediaType":"m","size":1.5,"digest":"${digest(1)}"}]`],
  ])('refuses %s', (_what, fields) => {
    formatError(() => parseSignatureManifest(manifest(fields)), 'FORMAT_INVALID_MANIFEST');
  });

  it('refuses text that is not JSON', () => {
    formatError(() => parseSignatureManifest(new TextEncoder().encode('<html>')), 'FORMAT_INVALID_MANIFEST');
  });
});

describe('signatureTag', () => {
  it('maps sha256:<hex> to sha256-<hex>.sig', () => {
    expect(signatureTag(digest(10))).toBe(`sha256-${'0a'.repeat(32)}.sig`);
  });

  it.each(['sha256:abc', `sha512:${'a'.repeat(128)}`, `SHA256:${'a'.repeat(64)}`, 'latest'])('refuses %s', (value) => {
    formatError(() => signatureTag(value), 'FORMAT_INVALID_DIGEST');
  });
});

describe('signatureLayer', () => {
  it.each(['', 'not base64!', 'TUVVQ0lR=', 'TUVV-0lR'])('refuses the signature %j', (signature) => {
    formatError(() => signatureLayer(new Uint8Array([1]), signature), 'FORMAT_INVALID_SIGNATURE');
  });

  it('never lets an extra annotation replace the signature', () => {
    const layer = signatureLayer(new Uint8Array([1]), 'TUVVQ0lR', { 'dev.cosignproject.cosign/signature': 'other' });
    expect(layer.annotations!['dev.cosignproject.cosign/signature']).toBe('TUVVQ0lR');
  });
});
