import { describe, expect, it } from 'vitest';

import { decryptPrivateKeyWith, generateKeyPair, startDecryptionAhead } from '../../../src/signer/keys/index.js';
import { warmUpKeyUse } from '../../../src/signer/keys/warm-up.js';

describe('warmUpKeyUse', () => {
  it('runs without throwing and returns nothing', () => {
    expect(warmUpKeyUse()).toBeUndefined();
    expect(warmUpKeyUse()).toBeUndefined();
  });

  it('does not change the key a derivation ahead yields (the warm-up runs beside it)', async () => {
    const password = new TextEncoder().encode('warm');
    const pair = await generateKeyPair(password, 'cosign');
    const signer = await decryptPrivateKeyWith(startDecryptionAhead(pair.privateKeyPem, password), pair.privateKeyPem, password);
    expect(signer.publicKeyPem()).toBe(pair.publicKeyPem);
  });
});
