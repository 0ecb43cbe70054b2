import { generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateKeyPair,
  inspectEncryptedKey,
  KeyError,
  type KeyFormat,
  loadPublicKey,
} from '../../../src/signer/keys/index.js';

const password = new TextEncoder().encode('correct horse');
const data = new TextEncoder().encode('{"critical":{}}');

/** The base64-decoded body of a PEM block, as text. */
function pemBodyText(pem: string): string {
  const body = pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
  return Buffer.from(body, 'base64').toString('utf8');
}

async function failure(promise: Promise<unknown>): Promise<KeyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyError);
  return error as KeyError;
}

describe('generateKeyPair', () => {
  it.each<[KeyFormat, string, number]>([
    ['cosign', 'ENCRYPTED COSIGN PRIVATE KEY', 32768],
    ['sigstore', 'ENCRYPTED SIGSTORE PRIVATE KEY', 65536],
  ])('writes %s keys with label %s and N=%i that decrypt again', async (format, label, n) => {
    // GIVEN a new key pair
    const pair = await generateKeyPair(password, format);
    // THEN the file shape is cosign's
    expect(pair.privateKeyPem.startsWith(`-----BEGIN ${label}-----\n`)).toBe(true);
    expect(pair.privateKeyPem.endsWith(`-----END ${label}-----\n`)).toBe(true);
    for (const line of pair.privateKeyPem.split('\n').slice(1, -2)) expect(line.length).toBeLessThanOrEqual(64);
    expect(inspectEncryptedKey(pair.privateKeyPem)).toEqual({ label, format, scrypt: { N: n, r: 8, p: 1 } });
    expect(pemBodyText(pair.privateKeyPem)).toMatch(
      new RegExp(
        `^\\{"kdf":\\{"name":"scrypt","params":\\{"N":${n},"r":8,"p":1\\},"salt":"[A-Za-z0-9+/]{43}="\\},` +
          '"cipher":\\{"name":"nacl/secretbox","nonce":"[A-Za-z0-9+/]{32}"\\},"ciphertext":"[A-Za-z0-9+/]{206}=="\\}$',
      ),
    );
    // AND it round trips to a P-256 signer whose signatures the public key verifies
    const signer = await decryptPrivateKey(pair.privateKeyPem, password);
    expect(signer.keyType).toBe('ecdsa-p256');
    expect(signer.publicKeyPem()).toBe(pair.publicKeyPem);
    expect(loadPublicKey(pair.publicKeyPem).verify(data, signer.sign(data))).toBe(true);
  });

  it('defaults to the cosign format', async () => {
    const pair = await generateKeyPair(new Uint8Array());
    expect(inspectEncryptedKey(pair.privateKeyPem).format).toBe('cosign');
    await expect(decryptPrivateKey(pair.privateKeyPem, new Uint8Array())).resolves.toBeDefined();
  });

  it('writes the public key like cosign: PKIX PEM, 64 columns, trailing newline', async () => {
    const { publicKeyPem } = await generateKeyPair(password);
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/]{58}==\n-----END PUBLIC KEY-----\n$/);
  });
});

describe('encryptPrivateKey', () => {
  const cases = [
    { name: 'P-384', pair: () => generateKeyPairSync('ec', { namedCurve: 'P-384' }), keyType: 'ecdsa-p384' },
    { name: 'P-521', pair: () => generateKeyPairSync('ec', { namedCurve: 'P-521' }), keyType: 'ecdsa-p521' },
    { name: 'Ed25519', pair: () => generateKeyPairSync('ed25519'), keyType: 'ed25519' },
    { name: 'RSA 2048', pair: () => generateKeyPairSync('rsa', { modulusLength: 2048 }), keyType: 'rsa' },
  ] as const;

  it.each(cases)('round trips a $name key (as cosign import-key-pair allows)', async ({ pair, keyType }) => {
    const { privateKey, publicKey } = pair();
    const pem = await encryptPrivateKey(new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })), password);
    const signer = await decryptPrivateKey(pem, password);
    expect(signer.keyType).toBe(keyType);
    expect(signer.publicKeyPem()).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    const verifier = loadPublicKey(signer.publicKeyPem());
    expect(verifier.keyType).toBe(keyType);
    const signature = signer.sign(data);
    expect(verifier.verify(data, signature)).toBe(true);
    expect(verifier.verify(data.subarray(1), signature)).toBe(false);
  });

  it('refuses a SEC1 key with KEY_NOT_PKCS8', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sec1 = new Uint8Array(privateKey.export({ type: 'sec1', format: 'der' }));
    expect((await failure(encryptPrivateKey(sec1, password))).code).toBe('KEY_NOT_PKCS8');
  });

  it('refuses a PKCS#1 RSA key with KEY_NOT_PKCS8 and names it', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = new Uint8Array(privateKey.export({ type: 'pkcs1', format: 'der' }));
    const error = await failure(encryptPrivateKey(pkcs1, password));
    expect(error.code).toBe('KEY_NOT_PKCS8');
    expect(error.message).toContain('PKCS#1');
  });

  it.each([
    ['secp256k1', () => generateKeyPairSync('ec', { namedCurve: 'secp256k1' })],
    ['RSA 1024', () => generateKeyPairSync('rsa', { modulusLength: 1024 })],
    ['X25519', () => generateKeyPairSync('x25519')],
  ])('refuses %s keys with KEY_UNSUPPORTED', async (_name, pair) => {
    const der = new Uint8Array(pair().privateKey.export({ type: 'pkcs8', format: 'der' }));
    expect((await failure(encryptPrivateKey(der, password))).code).toBe('KEY_UNSUPPORTED');
  });
});

describe('decryptPrivateKey input checks', () => {
  it('refuses text without a PEM block with KEY_UNREADABLE', async () => {
    const error = await failure(decryptPrivateKey('hello', password, { source: 'cosign.key' }));
    expect(error.code).toBe('KEY_UNREADABLE');
    expect(error.message).toContain('private key cosign.key');
  });

  it('refuses an unencrypted PKCS#8 PEM with KEY_UNSUPPORTED and says how to import it', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await failure(decryptPrivateKey(pem, password));
    expect(error.code).toBe('KEY_UNSUPPORTED');
    expect(error.message).toContain('import-key-pair');
    expect(error.message).not.toContain(pem.split('\n')[1]!);
  });

  it('refuses a body that is not the JSON envelope with KEY_UNREADABLE', async () => {
    const pem = `-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n${Buffer.from('{"kdf":').toString('base64')}\n-----END ENCRYPTED COSIGN PRIVATE KEY-----\n`;
    expect((await failure(decryptPrivateKey(pem, password))).code).toBe('KEY_UNREADABLE');
  });

  it('refuses another KDF or cipher with KEY_UNSUPPORTED', async () => {
    const pair = await generateKeyPair(password);
    const envelope = pemBodyText(pair.privateKeyPem);
    for (const changed of [envelope.replace('"scrypt"', '"argon2"'), envelope.replace('"nacl/secretbox"', '"aes-gcm"')]) {
      const pem = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(changed).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
      expect((await failure(decryptPrivateKey(pem, password))).code).toBe('KEY_UNSUPPORTED');
    }
  });

  it('reads a key with text around the block and CRLF line ends', async () => {
    const pair = await generateKeyPair(password);
    const pem = `a comment\r\n${pair.privateKeyPem.replaceAll('\n', '\r\n')}trailing`;
    expect((await decryptPrivateKey(pem, password)).publicKeyPem()).toBe(pair.publicKeyPem);
  });

  it('treats the password as exact bytes: a trailing newline is a different password', async () => {
    const pair = await generateKeyPair(password);
    const withNewline = new TextEncoder().encode('correct horse\n');
    expect((await failure(decryptPrivateKey(pair.privateKeyPem, withNewline))).code).toBe('KEY_WRONG_PASSWORD');
  });
});
