import { describe, expect, it } from 'vitest';

import { decryptPrivateKey, decryptPrivateKeyWith, generateKeyPair, KeyError, type ScryptAhead, startDecryptionAhead } from '../../../src/signer/keys/index.js';
import { scryptKey } from '../../../src/signer/keys/scrypt.js';
import { startScryptAhead } from '../../../src/signer/keys/scrypt-ahead.js';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const COST = { N: 1024, r: 8, p: 1 };

describe('startScryptAhead', () => {
  it('gives the same bytes as scrypt for the inputs it was started with, once', async () => {
    // GIVEN a derivation started ahead
    const salt = enc('salt-of-32-bytes-salt-of-32-byte');
    const ahead = startScryptAhead(enc('pw'), salt, COST, 32);
    // WHEN the same inputs ask for it twice
    const first = ahead.take(enc('pw'), salt, COST, 32);
    const second = ahead.take(enc('pw'), salt, COST, 32);
    // THEN the first gets scrypt's answer and the second nothing
    expect(await first).toEqual(await scryptKey(enc('pw'), salt, COST, 32));
    expect(second).toBeUndefined();
  });

  it.each([
    ['another password', enc('pW'), enc('salt'), COST, 32],
    ['a longer password', enc('pw\n'), enc('salt'), COST, 32],
    ['another salt', enc('pw'), enc('salT'), COST, 32],
    ['another N', enc('pw'), enc('salt'), { ...COST, N: 2048 }, 32],
    ['another r', enc('pw'), enc('salt'), { ...COST, r: 4 }, 32],
    ['another p', enc('pw'), enc('salt'), { ...COST, p: 2 }, 32],
    ['another length', enc('pw'), enc('salt'), COST, 64],
  ])('is not used for %s', (_, password, salt, cost, length) => {
    const ahead = startScryptAhead(enc('pw'), enc('salt'), COST, 32);
    expect(ahead.take(password, salt, cost, length)).toBeUndefined();
    // and a wrong ask used it up: nothing for the right inputs afterwards
    expect(ahead.take(enc('pw'), enc('salt'), COST, 32)).toBeUndefined();
  });

  it('copies the password, so the caller may wipe its own at once', async () => {
    const password = enc('wiped');
    const ahead = startScryptAhead(password, enc('salt'), COST, 32);
    password.fill(0);
    expect(await ahead.take(enc('wiped'), enc('salt'), COST, 32)).toEqual(await scryptKey(enc('wiped'), enc('salt'), COST, 32));
  });
});

describe('decryptPrivateKeyWith an ahead derivation', () => {
  it('decrypts with the derivation started ahead for the same key and password', async () => {
    const pair = await generateKeyPair(enc('pw'), 'cosign');
    const ahead = startDecryptionAhead(pair.privateKeyPem, enc('pw'));
    const signer = await decryptPrivateKeyWith(ahead, pair.privateKeyPem, enc('pw'));
    expect(signer.publicKeyPem()).toBe(pair.publicKeyPem);
  });

  it('uses the derivation it is given (a wrong one fails as a wrong password would)', async () => {
    // GIVEN an "ahead" that answers every ask with the wrong key
    const pair = await generateKeyPair(enc('pw'), 'cosign');
    let asked = 0;
    const lying: ScryptAhead = {
      take: () => {
        asked += 1;
        return Promise.resolve(new Uint8Array(32));
      },
    };
    // THEN the decryption used it, and the secretbox refused it
    const error = await decryptPrivateKeyWith(lying, pair.privateKeyPem, enc('pw')).catch((e: unknown) => e);
    expect(asked).toBe(1);
    expect((error as KeyError).code).toBe('KEY_WRONG_PASSWORD');
  });

  it('derives the key itself when the derivation ahead was for another password or key', async () => {
    const pair = await generateKeyPair(enc('pw'), 'cosign');
    const other = await generateKeyPair(enc('pw'), 'cosign');
    for (const ahead of [startDecryptionAhead(pair.privateKeyPem, enc('typo')), startDecryptionAhead(other.privateKeyPem, enc('pw'))]) {
      const signer = await decryptPrivateKeyWith(ahead, pair.privateKeyPem, enc('pw'));
      expect(signer.publicKeyPem()).toBe(pair.publicKeyPem);
    }
  });

  it('reports a wrong password the same way with or without a derivation ahead', async () => {
    const pair = await generateKeyPair(enc('pw'), 'cosign');
    const ahead = startDecryptionAhead(pair.privateKeyPem, enc('wrong'));
    const withAhead = await decryptPrivateKeyWith(ahead, pair.privateKeyPem, enc('wrong'), { source: 'k.key' }).catch((e: unknown) => e);
    const without = await decryptPrivateKey(pair.privateKeyPem, enc('wrong'), { source: 'k.key' }).catch((e: unknown) => e);
    expect(withAhead).toBeInstanceOf(KeyError);
    expect((withAhead as KeyError).message).toBe((without as KeyError).message);
  });

  it('refuses to start on a key that is not an encrypted cosign key, as inspectEncryptedKey does', () => {
    expect(() => startDecryptionAhead('not a key', enc('pw'))).toThrow(KeyError);
  });
});
