/**
 * Fixed vectors made by the real cosign (scripts/real-cosign-fixtures.ts): keys from
 * `cosign generate-key-pair` and what `cosign sign --key` stored in a registry, per cosign version.
 * These run everywhere (no Go, no registry, no ../shared) and check that signet reads cosign's keys,
 * verifies cosign's signatures, and builds the same bytes where they are not random.
 *
 * Random parts, excluded from the byte comparisons: the ECDSA signature (a fresh nonce per
 * signature), the referrer's `org.opencontainers.image.created` time, and protojson's optional
 * space after commas in the statement and the bundle (chosen per cosign binary).
 */
import { createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  bundleReferrerManifest,
  CREATED_ANNOTATION,
  dsseBundle,
  parseDsseBundle,
  parseReferrerManifest,
  parseReferrersIndex,
  parseSignStatement,
  preAuthEncoding,
  referrersIndex,
  signStatement,
} from '../../../src/signer/cosign/bundle-format.js';
import { parseSignatureManifest, parseSimpleSigningPayload, SIGNATURE_ANNOTATION, signatureManifest, simpleSigningPayload } from '../../../src/signer/cosign/format.js';
import { decryptPrivateKey, loadPublicKey } from '../../../src/signer/keys/index.js';
import { withoutProtojsonSpaces } from '../../helpers/cosign.js';

const ROOT = fileURLToPath(new URL('./fixtures/real-cosign/', import.meta.url));
const versions = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'info.json'))).sort() : [];

interface Info {
  readonly cosign: string;
  readonly password: string;
  readonly legacy?: { supported: boolean; imageDigest?: string; repository?: string };
  readonly bundle?: { supported: boolean; imageDigest?: string; repository?: string };
}

describe('real cosign fixtures', () => {
  it('exist for cosign v2 and v3', () => {
    expect(versions).toEqual(['v2', 'v3']);
  });

  describe.each(versions)('cosign %s', (major) => {
    const dir = join(ROOT, major);
    const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
    const info = JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as Info;
    const publicPem = readFileSync(join(dir, 'cosign.pub'), 'utf8');
    const verifier = loadPublicKey(publicPem);

    it('decrypts the generate-key-pair key and derives the same public key', async () => {
      const signer = await decryptPrivateKey(readFileSync(join(dir, 'cosign.key'), 'utf8'), new TextEncoder().encode(info.password));
      expect(signer.publicKeyPem()).toBe(publicPem);
      expect(signer.keyType).toBe('ecdsa-p256');
    });

    it.runIf(info.legacy?.supported === true)('verifies the .sig signature and rebuilds the payload, config and manifest byte for byte', () => {
      const manifest = read('legacy/sig-manifest.json');
      const [layer, ...more] = parseSignatureManifest(manifest).layers;
      expect(more).toEqual([]);
      const payload = read('legacy/payload.json');
      expect(verifier.verify(payload, Buffer.from(layer!.annotations![SIGNATURE_ANNOTATION]!, 'base64'))).toBe(true);
      const parsed = parseSimpleSigningPayload(payload);
      expect(parsed.manifestDigest).toBe(info.legacy!.imageDigest);
      expect(simpleSigningPayload({ dockerReference: parsed.dockerReference, manifestDigest: parsed.manifestDigest })).toEqual(payload);
      const rebuilt = signatureManifest([layer!]);
      expect(rebuilt.config).toEqual(read('legacy/sig-config.json'));
      expect(rebuilt.manifest).toEqual(manifest);
      // A flipped payload byte no longer verifies.
      const tampered = Uint8Array.from(payload);
      tampered[10] ^= 1;
      expect(verifier.verify(tampered, Buffer.from(layer!.annotations![SIGNATURE_ANNOTATION]!, 'base64'))).toBe(false);
    });

    it.runIf(info.bundle?.supported === true)('verifies the bundle and agrees with cosign byte for byte outside the random parts', () => {
      const bundleBytes = read('bundle/bundle.json');
      const bundle = parseDsseBundle(bundleBytes);
      const pae = preAuthEncoding(bundle.payloadType, bundle.payload);
      expect(bundle.signatures.some((sig) => verifier.verify(pae, sig))).toBe(true);
      const digest = info.bundle!.imageDigest!;
      expect(parseSignStatement(bundle.payload).manifestDigest).toBe(digest);
      // The statement: v3's bytes are ours once protojson's optional spaces are removed. (cosign
      // v2.6 wrote neither the empty subject annotations nor the empty predicate; signet writes v3's form.)
      const statement = withoutProtojsonSpaces(Buffer.from(bundle.payload).toString('utf8'));
      const ours = Buffer.from(signStatement({ manifestDigest: digest })).toString('utf8');
      if (major === 'v3') expect(statement).toBe(ours);
      else expect(statement).toBe(ours.replace(',"annotations":{}', '').replace(',"predicate":{}', ''));
      // The bundle: ours around cosign's statement and signature equals cosign's (modulo those spaces).
      const der = new Uint8Array(createPublicKey(publicPem).export({ type: 'spki', format: 'der' }));
      const wrapped = dsseBundle({ payload: bundle.payload, signature: bundle.signatures[0]!, publicKeyDer: der });
      expect(Buffer.from(wrapped).toString('utf8')).toBe(withoutProtojsonSpaces(Buffer.from(bundleBytes).toString('utf8')));
      // The referrer manifest: exact bytes, given cosign's bundle and its creation time.
      const referrerBytes = read('bundle/referrer-manifest.json');
      const cosignReferrer = JSON.parse(Buffer.from(referrerBytes).toString('utf8')) as { annotations: Record<string, string>; subject: { mediaType: string; size: number; digest: string } };
      const built = bundleReferrerManifest({ bundle: bundleBytes, subject: cosignReferrer.subject, created: new Date(cosignReferrer.annotations[CREATED_ANNOTATION]!) });
      expect(Buffer.from(built.manifest).toString('utf8')).toBe(Buffer.from(referrerBytes).toString('utf8'));
      expect(parseReferrerManifest(referrerBytes).subjectDigest).toBe(digest);
      // The fallback index lists it. cosign's entry differs from signet's, which follows the spec
      // (artifactType = the manifest's, annotations copied): v2.6 (ggcr 0.20) writes the config's
      // media type as artifactType, v3.1 (ggcr 0.21.7) the right type but no annotations.
      const [entry, ...more] = parseReferrersIndex(read('bundle/referrers-index.json'));
      expect(more).toEqual([]);
      expect(entry!.digest).toBe(built.manifestDigest);
      expect(entry!.artifactType).toBe(major === 'v2' ? 'application/vnd.oci.empty.v1+json' : 'application/vnd.dev.sigstore.bundle.v0.3+json');
      expect(entry!.annotations).toBeUndefined();
      expect(built.descriptor.annotations).toEqual(cosignReferrer.annotations);
      expect(referrersIndex([entry!], [])).toEqual(read('bundle/referrers-index.json'));
    });
  });
});
