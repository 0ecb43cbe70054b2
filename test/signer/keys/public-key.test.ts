import { execFileSync, spawnSync } from 'node:child_process';
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { decryptPrivateKey, generateKeyPair, KeyError, loadPublicKey } from '../../../src/signer/keys/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

const data = new TextEncoder().encode('signed bytes');

function failure(fn: () => unknown): KeyError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyError);
    return error as KeyError;
  }
  throw new Error('expected a KeyError');
}

describe('loadPublicKey', () => {
  it('loads an "RSA PUBLIC KEY" (PKCS#1) block and re-emits it as PKIX', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const verifier = loadPublicKey(publicKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    expect(verifier.keyType).toBe('rsa');
    expect(verifier.publicKeyPem()).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    // cosign signs RSA with PKCS#1 v1.5 over SHA-256
    expect(verifier.verify(data, sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }))).toBe(true);
  });

  it('refuses a private key with KEY_UNSUPPORTED and points at the .pub file', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const error = failure(() => loadPublicKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { source: 'cosign.key' }));
    expect(error.code).toBe('KEY_UNSUPPORTED');
    expect(error.message).toContain('public key cosign.key');
    expect(error.message).toContain('cosign.pub');
  });

  it('refuses text without PEM and a damaged DER body with KEY_UNREADABLE', () => {
    expect(failure(() => loadPublicKey('not a key')).code).toBe('KEY_UNREADABLE');
    const broken = `-----BEGIN PUBLIC KEY-----\n${Buffer.from('not der at all').toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(failure(() => loadPublicKey(broken)).code).toBe('KEY_UNREADABLE');
  });

  it('returns false, not an exception, for garbage signatures', async () => {
    const pair = await generateKeyPair(new Uint8Array());
    const verifier = loadPublicKey(pair.publicKeyPem);
    expect(verifier.verify(data, new Uint8Array())).toBe(false);
    expect(verifier.verify(data, new Uint8Array([0x30, 0x02, 0x01]))).toBe(false);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('interoperability with openssl', () => {
  const dir = tempDir('signet-keys-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('openssl parses our public key and verifies our ECDSA P-256 signature (SHA-256, DER)', async () => {
    const password = new TextEncoder().encode('pw');
    const pair = await generateKeyPair(password);
    const signer = await decryptPrivateKey(pair.privateKeyPem, password);
    writeFileSync(join(dir, 'key.pub'), pair.publicKeyPem);
    writeFileSync(join(dir, 'data'), data);
    writeFileSync(join(dir, 'sig'), signer.sign(data));
    const text = execFileSync('openssl', ['pkey', '-pubin', '-in', join(dir, 'key.pub'), '-outform', 'PEM']).toString();
    expect(text).toBe(pair.publicKeyPem);
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'key.pub'), '-signature', join(dir, 'sig'), join(dir, 'data')]);
    expect(out.toString()).toContain('Verified OK');
  });
});
