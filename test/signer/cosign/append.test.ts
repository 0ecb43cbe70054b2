import { describe, expect, it, vi } from 'vitest';

import { appendSignature, type Descriptor, MEDIA_TYPES, SIGNATURE_ANNOTATION } from '../../../src/signer/cosign/index.js';

const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;
const layer = (digest: string, annotations: Record<string, string>): Descriptor => ({ mediaType: MEDIA_TYPES.simpleSigning, size: 10, digest, annotations });

describe('appendSignature (cosign dedupe rule)', () => {
  const old = layer(digestA, { [SIGNATURE_ANNOTATION]: 'b2xk', extra: 'x' });

  it('keeps existing layers in order and appends a different payload without asking', () => {
    const check = vi.fn(() => true);
    const added = layer(digestB, { [SIGNATURE_ANNOTATION]: 'bmV3' });
    expect(appendSignature([old], added, check)).toEqual([old, added]);
    expect(check).not.toHaveBeenCalled();
  });

  it('drops the new signature when the old one verifies over the same payload', () => {
    const check = vi.fn(() => true);
    const result = appendSignature([old], layer(digestA, { [SIGNATURE_ANNOTATION]: 'bmV3' }), check);
    expect(result).toEqual([old]);
    expect(check).toHaveBeenCalledWith(old);
  });

  it('appends when the old signature does not verify with the caller’s key', () => {
    const added = layer(digestA, { [SIGNATURE_ANNOTATION]: 'bmV3' });
    expect(appendSignature([old], added, () => false)).toEqual([old, added]);
  });

  it('treats old extra annotations as fine but new ones as a difference', () => {
    expect(appendSignature([old], layer(digestA, { [SIGNATURE_ANNOTATION]: 'bmV3', extra: 'x' }), () => true)).toHaveLength(1);
    expect(appendSignature([old], layer(digestA, { [SIGNATURE_ANNOTATION]: 'bmV3', extra: 'y' }), () => true)).toHaveLength(2);
    expect(appendSignature([old], layer(digestA, { [SIGNATURE_ANNOTATION]: 'bmV3', other: '' }), () => true)).toHaveLength(2);
  });

  it('ignores layers with another media type or without a signature', () => {
    const check = vi.fn(() => true);
    const foreign = { ...old, mediaType: 'application/vnd.dsse.envelope.v1+json' };
    const unsigned = layer(digestA, { [SIGNATURE_ANNOTATION]: '' });
    const added = layer(digestA, { [SIGNATURE_ANNOTATION]: 'bmV3' });
    expect(appendSignature([foreign, unsigned], added, check)).toEqual([foreign, unsigned, added]);
    expect(check).not.toHaveBeenCalled();
  });

  it('does not modify the input array', () => {
    const existing = [old];
    appendSignature(existing, layer(digestB, { [SIGNATURE_ANNOTATION]: 'bmV3' }), () => true);
    expect(existing).toEqual([old]);
  });
});
