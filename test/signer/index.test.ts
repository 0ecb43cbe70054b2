import { describe, expect, it } from 'vitest';
import * as signet from '../../src/index.js';

describe('package entry', () => {
  it('exposes the signer library as the `signer` namespace next to the constructs', () => {
    expect(typeof signet.signer.signImage).toBe('function');
    expect(typeof signet.signer.verifyImage).toBe('function');
    expect(typeof signet.signer.decryptPrivateKey).toBe('function');
    expect(typeof signet.signer.parseReference).toBe('function');
    expect(signet.signer.signatureTag(`sha256:${'a'.repeat(64)}`)).toBe(`sha256-${'a'.repeat(64)}.sig`);
    expect(typeof signet.CosignSignTask).toBe('function');
  });
});
