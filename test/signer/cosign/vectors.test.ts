import { describe, expect, it } from 'vitest';

import {
  MEDIA_TYPES,
  parseSignatureManifest,
  parseSimpleSigningPayload,
  sha256Digest,
  SIGNATURE_ANNOTATION,
  signatureConfig,
  signatureLayer,
  signatureManifest,
  signatureTag,
  simpleSigningPayload,
} from '../../../src/signer/cosign/index.js';
import { loadPublicKey } from '../../../src/signer/keys/index.js';
import { VECTORS_PRESENT, vectorBytes, vectorDirs, vectorText } from '../keys/cosign-vectors.js';

const TRACE = 'registry-artifacts/dockerhub-trace-cosign-v1.13.1/';
const V113_CREATED = '2023-02-17T09:25:33.91047962-08:00';

describe.skipIf(!VECTORS_PRESENT)('cosign v1.13.1 registry trace', () => {
  const payload = (): Uint8Array =>
    simpleSigningPayload({
      dockerReference: 'index.docker.io/chihjenhuang/cosign1',
      manifestDigest: 'sha256:4c1c50d0ffc614f90b93b07d778028dc765548e823f676fb027f61d281ac380d',
    });

  it('reproduces the payload byte for byte', () => {
    expect(Buffer.from(payload()).toString()).toBe(vectorText(`${TRACE}payload.json`));
    expect(payload()).toEqual(vectorBytes(`${TRACE}payload.json`));
  });

  it('names the signature tag', () => {
    expect(signatureTag('sha256:4c1c50d0ffc614f90b93b07d778028dc765548e823f676fb027f61d281ac380d')).toBe(vectorText(`${TRACE}sig-tag.txt`));
  });

  it('reproduces the config and the manifest byte for byte (with v1.13’s real created time)', () => {
    const layer = signatureLayer(payload(), vectorText(`${TRACE}signature.b64`));
    expect(signatureConfig([layer], { created: V113_CREATED })).toEqual(vectorBytes(`${TRACE}config.json`));
    const built = signatureManifest([layer], { created: V113_CREATED });
    expect(built.config).toEqual(vectorBytes(`${TRACE}config.json`));
    expect(built.configDescriptor).toEqual({
      mediaType: MEDIA_TYPES.ociConfig,
      size: 247,
      digest: 'sha256:85ad8e17d3d7c00664855c638832bd99f32d42542c2d587851410a45a7f60b95',
    });
    expect(Buffer.from(built.manifest).toString()).toBe(vectorText(`${TRACE}sig-manifest.json`));
    expect(built.manifestDigest).toBe(sha256Digest(vectorBytes(`${TRACE}sig-manifest.json`)));
    expect(built.manifestDigest.startsWith('sha256:7ebe8964')).toBe(true);
    expect(built.mediaType).toBe(MEDIA_TYPES.ociManifest);
  });

  it('writes the cosign >= 2.2 zero time by default', () => {
    const layer = signatureLayer(payload(), vectorText(`${TRACE}signature.b64`));
    const expected = vectorText(`${TRACE}config.json`).replace(V113_CREATED, '0001-01-01T00:00:00Z');
    expect(Buffer.from(signatureConfig([layer])).toString()).toBe(expected);
  });

  it('parses the real manifest back to its layer', () => {
    const parsed = parseSignatureManifest(vectorBytes(`${TRACE}sig-manifest.json`));
    expect(parsed.mediaType).toBe(MEDIA_TYPES.ociManifest);
    expect(parsed.layers).toEqual([signatureLayer(payload(), vectorText(`${TRACE}signature.b64`))]);
    expect(parsed.config.size).toBe(247);
  });
});

describe.skipIf(!VECTORS_PRESENT)('containers/image simple-signing fixtures', () => {
  const dirs = vectorDirs('simple-signing');

  it('reproduces the cosign-generated payload exactly', () => {
    const expected = vectorBytes('simple-signing/cosign-generated/payload.json');
    const parsed = parseSimpleSigningPayload(expected);
    expect(parsed).toEqual({
      dockerReference: '192.168.64.2:5000/cosign-signed-single-sample',
      manifestDigest: 'sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00',
      type: 'cosign container image signature',
      optional: null,
    });
    expect(simpleSigningPayload({ dockerReference: parsed.dockerReference, manifestDigest: parsed.manifestDigest })).toEqual(expected);
  });

  it('parses the skopeo payload with a tagged reference and creator/timestamp', () => {
    const parsed = parseSimpleSigningPayload(vectorBytes('simple-signing/skopeo-generated-with-tag/payload.json'));
    expect(parsed.dockerReference).toBe('192.168.64.2:5000/skopeo-signed:tag');
    expect(parsed.optional).toEqual({ creator: 'containers/image 5.21.2-dev', timestamp: 1657296609 });
  });

  describe.each(dirs)('%s', (dir) => {
    const at = (file: string): string => `simple-signing/${dir}/${file}`;

    it('signs the manifest the payload names', () => {
      const parsed = parseSimpleSigningPayload(vectorBytes(at('payload.json')));
      expect(sha256Digest(vectorBytes(at('image-manifest.json')))).toBe(parsed.manifestDigest);
    });

    it('verifies over its payload with its key; tampered payload or signature fail', () => {
      const verifier = loadPublicKey(vectorText(at('key.pub')));
      const payload = vectorBytes(at('payload.json'));
      const annotations = JSON.parse(vectorText(at('layer-annotations.json'))) as Record<string, string>;
      const signature = new Uint8Array(Buffer.from(annotations[SIGNATURE_ANNOTATION]!, 'base64'));
      expect(signature).toEqual(vectorBytes(at('signature.der')));
      expect(verifier.verify(payload, signature)).toBe(true);

      const tamperedPayload = Uint8Array.from(payload);
      tamperedPayload[tamperedPayload.length - 2] ^= 1;
      expect(verifier.verify(tamperedPayload, signature)).toBe(false);
      const tamperedSignature = Uint8Array.from(signature);
      tamperedSignature[tamperedSignature.length - 1] ^= 1;
      expect(verifier.verify(payload, tamperedSignature)).toBe(false);
    });

    it('builds the layer the registry holds', () => {
      const payload = vectorBytes(at('payload.json'));
      const layer = signatureLayer(payload, vectorText(at('signature.b64')));
      expect(layer.mediaType).toBe(vectorText(at('layer-media-type.txt')));
      expect(layer.size).toBe(payload.length);
    });
  });

  it('each key rejects the other fixtures’ signatures', () => {
    const other = loadPublicKey(vectorText('simple-signing/cosign-key-with-rekor-bundle/key.pub'));
    expect(other.verify(vectorBytes('simple-signing/cosign-generated/payload.json'), vectorBytes('simple-signing/cosign-generated/signature.der'))).toBe(false);
  });
});
