import { describe, expect, it } from 'vitest';

import {
  bundleLayerOf,
  bundleReferrerManifest,
  dsseBundle,
  parseDsseBundle,
  parseReferrerManifest,
  parseReferrersIndex,
  parseSignStatement,
  preAuthEncoding,
  publicKeyHint,
  referrersIndex,
  referrersTag,
  rfc3339Seconds,
  signStatement,
} from '../../../src/signer/cosign/bundle-format.js';
import { FormatError } from '../../../src/signer/cosign/errors.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('bundle format (pure)', () => {
  it('builds the statement in protojson field order, annotations sorted, and parses it back', () => {
    expect(text(signStatement({ manifestDigest: DIGEST }))).toBe(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${'ab'.repeat(32)}"},"annotations":{}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
    const annotated = signStatement({ manifestDigest: DIGEST, annotations: { z: '1', a: '<2>' } });
    expect(text(annotated)).toContain('"annotations":{"a":"\\u003c2\\u003e","z":"1"}');
    expect(parseSignStatement(annotated)).toEqual({ manifestDigest: DIGEST, predicateType: 'https://sigstore.dev/cosign/sign/v1', annotations: { a: '<2>', z: '1' } });
  });

  it('refuses statements with two subjects, no sha256, or duplicate keys', () => {
    const bad = [
      '{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"00"}}],"predicateType":"x"}',
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${'a'.repeat(64)}"}},{"digest":{"sha256":"${'b'.repeat(64)}"}}],"predicateType":"x"}`,
      `{"_type":"https://in-toto.io/Statement/v1","_type":"x","subject":[{"digest":{"sha256":"${'a'.repeat(64)}"}}],"predicateType":"x"}`,
    ];
    for (const doc of bad) expect(() => parseSignStatement(new TextEncoder().encode(doc))).toThrow(FormatError);
  });

  it('computes DSSE PAE with byte lengths', () => {
    expect(text(preAuthEncoding('application/vnd.in-toto+json', new TextEncoder().encode('héllo')))).toBe('DSSEv1 28 application/vnd.in-toto+json 6 héllo');
  });

  it('builds and parses a bundle; refuses a message-signature bundle and an old media type', () => {
    const bundle = dsseBundle({ payload: new Uint8Array([1, 2]), signature: new Uint8Array([3]), publicKeyDer: new Uint8Array([4]) });
    expect(text(bundle)).toBe(
      `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"${publicKeyHint(new Uint8Array([4]))}"}},"dsseEnvelope":{"payload":"AQI=","payloadType":"application/vnd.in-toto+json","signatures":[{"sig":"Aw=="}]}}`,
    );
    const parsed = parseDsseBundle(bundle);
    expect([...parsed.payload]).toEqual([1, 2]);
    expect(parsed.signatures.map((s) => [...s])).toEqual([[3]]);
    expect(() => parseDsseBundle(new TextEncoder().encode('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","messageSignature":{}}'))).toThrow(/no DSSE envelope/);
    expect(() => parseDsseBundle(new TextEncoder().encode('{"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.2","dsseEnvelope":{}}'))).toThrow(/v0.3/);
  });

  it('builds the referrer manifest in Go struct order, with a spec-correct index entry', () => {
    const bundle = new TextEncoder().encode('{}x');
    const built = bundleReferrerManifest({ bundle, subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 10, digest: DIGEST }, created: new Date('2026-05-06T07:08:09.999Z') });
    const doc = text(built.manifest);
    expect(Object.keys(JSON.parse(doc) as object)).toEqual(['schemaVersion', 'mediaType', 'config', 'layers', 'annotations', 'subject', 'artifactType']);
    expect(doc).toContain('"org.opencontainers.image.created":"2026-05-06T07:08:09Z"');
    expect(built.descriptor.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const parsed = parseReferrerManifest(built.manifest);
    expect(parsed.subjectDigest).toBe(DIGEST);
    expect(bundleLayerOf(parsed)?.size).toBe(3);
    expect(rfc3339Seconds(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00Z');
  });

  it('names the referrers tag and merges index entries without duplicates, sorted by digest', () => {
    expect(referrersTag(DIGEST)).toBe(`sha256-${'ab'.repeat(32)}`);
    const a = { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1, digest: `sha256:${'b'.repeat(64)}`, artifactType: 't' };
    const b = { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 2, digest: `sha256:${'a'.repeat(64)}`, annotations: { k: 'v' } };
    const index = referrersIndex([a], [b, a]);
    expect(parseReferrersIndex(index).map((d) => d.digest)).toEqual([b.digest, a.digest]);
    expect(parseReferrersIndex(index)[1]!.artifactType).toBe('t');
    expect(text(index).startsWith('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[')).toBe(true);
  });
});
