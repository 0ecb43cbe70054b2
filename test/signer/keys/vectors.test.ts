import { describe, expect, it } from 'vitest';

import { decryptEnvelope, decryptPrivateKey, inspectEncryptedKey, KeyError, loadPublicKey } from '../../../src/signer/keys/index.js';
import { VECTORS_PRESENT, vectorBytes, vectorDirs, vectorExists, vectorText } from './cosign-vectors.js';

const KDF = 'kdf/go-securesystemslib-encrypted/';
const keyDirs = vectorDirs('keys').filter((dir) => !dir.endsWith('-negative'));

describe.skipIf(!VECTORS_PRESENT)('cosign key vectors', () => {
  it('has the positive key vectors', () => {
    expect(keyDirs.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(keyDirs)('%s', (dir) => {
    const pubFile = vectorExists(`keys/${dir}/key.pub`) ? `keys/${dir}/key.pub` : `keys/${dir}/key.pub.derived`;

    it('decrypts with its password to the expected public key', async () => {
      const signer = await decryptPrivateKey(vectorText(`keys/${dir}/key.enc.pem`), vectorBytes(`keys/${dir}/password.txt`));
      expect(signer.keyType).toBe('ecdsa-p256');
      expect(signer.publicKeyPem()).toBe(vectorText(pubFile));
    });

    it('loads from file bytes too, and signs what the vector public key verifies', async () => {
      const signer = await decryptPrivateKey(vectorBytes(`keys/${dir}/key.enc.pem`), vectorBytes(`keys/${dir}/password.txt`));
      const verifier = loadPublicKey(vectorBytes(pubFile));
      const data = new TextEncoder().encode('payload');
      const signature = signer.sign(data);
      expect(signature[0]).toBe(0x30); // ASN.1 DER SEQUENCE
      expect(verifier.verify(data, signature)).toBe(true);
      expect(verifier.verify(new TextEncoder().encode('payloae'), signature)).toBe(false);
    });

    it('fails with KEY_WRONG_PASSWORD for another password, without echoing it', async () => {
      const password = new TextEncoder().encode('not-the-password-8f3a');
      const error = await decryptPrivateKey(vectorText(`keys/${dir}/key.enc.pem`), password, { source: 'cosign.key' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeyError);
      expect((error as KeyError).code).toBe('KEY_WRONG_PASSWORD');
      expect((error as KeyError).message).toContain('cosign.key');
      expect((error as KeyError).message).not.toContain('not-the-password');
    });

    it('reports its label and scrypt cost without the password', () => {
      const info = inspectEncryptedKey(vectorText(`keys/${dir}/key.enc.pem`));
      const envelope = JSON.parse(vectorText(`keys/${dir}/envelope.json`)) as { kdf: { params: unknown } };
      expect(info.scrypt).toEqual(envelope.kdf.params);
      expect(vectorText(`keys/${dir}/key.enc.pem`)).toContain(`BEGIN ${info.label}-----`);
    });
  });

  it('refuses the SEC1 plaintext vector with KEY_NOT_PKCS8', async () => {
    const dir = 'keys/cosign-keystest-sec1-plaintext-negative/';
    const error = await decryptPrivateKey(vectorText(`${dir}key.enc.pem`), vectorBytes(`${dir}password.txt`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect((error as KeyError).code).toBe('KEY_NOT_PKCS8');
    expect((error as KeyError).message).toMatch(/SEC1/);
  });

  it('decrypts every positive kdf envelope to its expected plaintext', async () => {
    const password = vectorBytes(`${KDF}passphrase.txt`);
    const expected = vectorText(`${KDF}expected-plaintext-kdfvectors.txt`);
    for (const file of ['legacy-n32768.json', 'standard-n65536.json', 'owasp-n131072.json']) {
      const plaintext = await decryptEnvelope(vectorBytes(KDF + file), password);
      expect(Buffer.from(plaintext).toString('utf8'), file).toBe(expected);
    }
    const raw = await decryptEnvelope(vectorText(`${KDF}testdecrypt-n32768.json`), password);
    expect(Buffer.from(raw).toString('utf8')).toBe(vectorText(`${KDF}expected-plaintext-testdecrypt.txt`));
  });

  it('refuses the unsupported kdf parameters with KEY_KDF_PARAMS', async () => {
    const error = await decryptEnvelope(vectorText(`${KDF}unsupported-params-negative.json`), vectorBytes(`${KDF}passphrase.txt`)).catch((e: unknown) => e);
    expect((error as KeyError).code).toBe('KEY_KDF_PARAMS');
    expect((error as KeyError).message).toContain('N=99 r=99 p=99');
  });

  it('verifies the simple-signing vector signatures with their public keys', () => {
    for (const dir of vectorDirs('simple-signing')) {
      const verifier = loadPublicKey(vectorText(`simple-signing/${dir}/key.pub`));
      expect(verifier.verify(vectorBytes(`simple-signing/${dir}/payload.json`), vectorBytes(`simple-signing/${dir}/signature.der`)), dir).toBe(true);
    }
  });
});
