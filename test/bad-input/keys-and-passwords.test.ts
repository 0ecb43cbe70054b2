/**
 * Broken key files and passwords: each gives exit 3 (key or password) or 6 (file) with one line, no
 * stack trace, and neither the password nor any part of the key in the output. The key files are
 * made at test time from a fresh key (committed files would look like leaked secrets to scanners).
 */
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { encryptEnvelope, generateKeyPair, KEY_FORMAT_SCRYPT_PARAMS } from '../../src/signer/keys/index.js';
import { expectCleanFailure, runSignet } from './_cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const PASSWORD = 'correct horse battery staple 7Q!';
const IMAGE = `127.0.0.1:9/never/contacted@sha256:${'0'.repeat(64)}`;

/** base64 lines of a PEM body: every one is key material that must never be echoed. */
function pemBodyLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
}

function pem(label: string, body: Uint8Array | string): string {
  const b64 = Buffer.from(body).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

describe('bad key files and passwords', () => {
  const dir = tempDir('signet-bad-key-');
  let good: string;
  let secrets: string[];
  const envelopeOf = (): Record<string, unknown> => JSON.parse(Buffer.from(pemBodyLines(good).join(''), 'base64').toString('utf8')) as Record<string, unknown>;
  const encrypted = (doc: unknown): string => pem('ENCRYPTED COSIGN PRIVATE KEY', JSON.stringify(doc));

  beforeAll(async () => {
    good = (await generateKeyPair(new TextEncoder().encode(PASSWORD))).privateKeyPem;
    secrets = [PASSWORD, ...pemBodyLines(good)];
  });

  async function sign(keyText: string | undefined, env: Record<string, string> = { COSIGN_PASSWORD: PASSWORD }, extra: string[] = []) {
    const keyPath = join(dir, `k${Math.random().toString(36).slice(2)}.key`);
    if (keyText !== undefined) writeFileSync(keyPath, keyText, { mode: 0o600 });
    return runSignet(dir, ['sign', '--key', keyPath, ...extra, IMAGE], env);
  }

  const cases: [string, () => string | Promise<string>][] = [
    ['empty file', () => ''],
    ['not PEM at all', () => 'hello, I am not a key\n'],
    ['truncated in the middle of the body', () => good.slice(0, Math.floor(good.length / 2))],
    ['missing END line', () => good.replace(/-----END[^\n]*\n$/, '')],
    ['wrong label', () => good.replaceAll('ENCRYPTED COSIGN PRIVATE KEY', 'ENCRYPTED FANCY PRIVATE KEY')],
    ['public key given as private key', async () => (await generateKeyPair(new Uint8Array())).publicKeyPem],
    ['bad base64 in the body', () => good.replace(/\n([A-Za-z0-9+/]{10})/, '\n!!!*%$$$$$')],
    ['body is not JSON', () => pem('ENCRYPTED COSIGN PRIVATE KEY', '{"kdf": nope')],
    ['JSON of the wrong shape', () => encrypted({ hello: 'world' })],
    ['kdf is not scrypt', () => encrypted({ ...envelopeOf(), kdf: { ...(envelopeOf().kdf as object), name: 'argon2' } })],
    ['cipher is not secretbox', () => encrypted({ ...envelopeOf(), cipher: { ...(envelopeOf().cipher as object), name: 'aes-gcm' } })],
    ['scrypt N of 2^30 (refused before scrypt runs)', () => encrypted({ ...envelopeOf(), kdf: { ...(envelopeOf().kdf as object), params: { N: 2 ** 30, r: 8, p: 1 } } })],
    ['scrypt N of 16 (weak)', () => encrypted({ ...envelopeOf(), kdf: { ...(envelopeOf().kdf as object), params: { N: 16, r: 8, p: 1 } } })],
    ['scrypt params as strings', () => encrypted({ ...envelopeOf(), kdf: { ...(envelopeOf().kdf as object), params: { N: '32768', r: '8', p: '1' } } })],
    ['salt is not base64', () => encrypted({ ...envelopeOf(), kdf: { ...(envelopeOf().kdf as object), salt: '***' } })],
    ['nonce of the wrong length', () => encrypted({ ...envelopeOf(), cipher: { ...(envelopeOf().cipher as object), nonce: 'AAAA' } })],
    ['ciphertext shorter than its tag', () => encrypted({ ...envelopeOf(), ciphertext: 'AAAA' })],
    ['ciphertext with one bit flipped', () => {
      const doc = envelopeOf();
      const bytes = Buffer.from(doc.ciphertext as string, 'base64');
      bytes[5] = bytes[5]! ^ 1;
      return encrypted({ ...doc, ciphertext: bytes.toString('base64') });
    }],
    ['unencrypted PKCS#8', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['unencrypted SEC1', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString()],
    ['SEC1 inside a cosign envelope', async () => {
      const sec1 = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'der' }));
      return pem('ENCRYPTED COSIGN PRIVATE KEY', await encryptEnvelope(sec1, new TextEncoder().encode(PASSWORD), KEY_FORMAT_SCRYPT_PARAMS.cosign));
    }],
    ['RSA PKCS#8 inside a cosign envelope', async () => {
      const rsa = new Uint8Array(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'der' }));
      return pem('ENCRYPTED COSIGN PRIVATE KEY', await encryptEnvelope(rsa, new TextEncoder().encode(PASSWORD), KEY_FORMAT_SCRYPT_PARAMS.cosign));
    }],
    ['binary garbage', () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131) % 256)).toString('latin1')],
  ];

  it.each(cases)('%s: exit 3, one line, no secret', async (_name, make) => {
    expectCleanFailure(await sign(await make()), 3, secrets);
  });

  it('a key file that does not exist: exit 6', async () => {
    expectCleanFailure(await sign(undefined), 6, secrets);
  });

  it.each([
    ['wrong password', { COSIGN_PASSWORD: 'not the password' }],
    ['empty password', { COSIGN_PASSWORD: '' }],
    ['password with a trailing newline', { COSIGN_PASSWORD: `${PASSWORD}\n` }],
    ['a megabyte of password', { COSIGN_PASSWORD: 'p'.repeat(1 << 20) }],
    ['no password source (no TTY, no env, no file)', {}],
  ] as [string, Record<string, string>][])('%s: exit 3, one line, no secret', async (_name, env) => {
    expectCleanFailure(await sign(good, env), 3, [...secrets, ...Object.values(env)]);
  });

  it('a password file that does not exist: exit 3', async () => {
    expectCleanFailure(await sign(good, {}, ['--password-file', join(dir, 'nope.txt')]), 3, secrets);
  });

  it('the corpus really exercises the key: the good key gets past decryption', async () => {
    const run = await sign(good);
    // It fails later, at the registry (exit 4), which shows the key and password were fine.
    expectCleanFailure(run, 4, secrets);
    expect(run.stderr).toContain('127.0.0.1:9');
  });

  it('a wrong password ends with exit 3 while the registry has not answered yet (the key is decrypted during the first requests)', async () => {
    // A registry that accepts connections and never answers: only the key's own error can end the run.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const keyPath = join(dir, 'silent.key');
      writeFileSync(keyPath, good, { mode: 0o600 });
      const run = await runSignet(dir, ['sign', '--key', keyPath, '--request-timeout', '10m', `127.0.0.1:${port}/never/answers@sha256:${'0'.repeat(64)}`], { COSIGN_PASSWORD: 'not the password' });
      expectCleanFailure(run, 3, secrets);
      expect(run.stderr).toContain('wrong password');
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
