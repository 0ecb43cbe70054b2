/**
 * Finding 9: key files are bounded in size before they are parsed, and the envelope's salt before
 * scrypt runs (its N/r/p were already limited to cosign's three sets). A 100 MB key file, an endless
 * device or a huge salt fail at once with one line, instead of hundreds of MB of memory and seconds
 * of parsing.
 */
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decryptPrivateKey, generateKeyPair, KeyError, loadPublicKey } from '../../../src/signer/keys/index.js';
import { decodeFirstPem, encodePem } from '../../../src/signer/keys/pem.js';
import { runSignet } from '../../helpers/cli.js';
import { expectCleanFailure } from '../../bad-input/_cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const MB = 1_000_000;

describe('hostile input: oversized key files and salts', () => {
  let dir: string;
  let privateKeyPem = '';

  beforeAll(async () => {
    dir = tempDir('signet-key-bounds-');
    privateKeyPem = (await generateKeyPair(new Uint8Array())).privateKeyPem;
    // 100 MB: a real key's first lines, then base64 that goes on and on
    const fd = openSync(join(dir, 'huge.key'), 'w');
    writeSync(fd, privateKeyPem.split('\n').slice(0, 2).join('\n'));
    const line = `${'A'.repeat(64)}\n`.repeat(MB / 65);
    for (let i = 0; i < 100; i += 1) writeSync(fd, line);
    closeSync(fd);
    writeFileSync(join(dir, 'huge.pub'), `${'#'.repeat(100 * MB)}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['public-key', 'huge.key'],
    ['public-key', '/dev/zero'],
    ['verify', 'huge.pub'],
  ])('%s --key %s fails with one line and the key exit code', async (command, key) => {
    const args = command === 'verify' ? ['verify', '--key', key, `127.0.0.1:1/app@sha256:${'a'.repeat(64)}`] : ['public-key', '--key', key];
    const run = await runSignet(dir, args, { COSIGN_PASSWORD: '' });
    expectCleanFailure(run, 3);
    expect(run.stderr).toMatch(new RegExp(`larger than 65536 bytes`));
  });

  it('a password file that never ends fails with one line', async () => {
    await generateKeyPair(new Uint8Array()).then((pair) => writeFileSync(join(dir, 'small.key'), pair.privateKeyPem, { mode: 0o600 }));
    const run = await runSignet(dir, ['public-key', '--key', 'small.key', '--password-file', '/dev/zero']);
    expectCleanFailure(run, 3);
    expect(run.stderr).toMatch(/password file is larger than 65536 bytes/);
  });

  it('the library refuses an oversized key before parsing it', async () => {
    const big = `${privateKeyPem}${' '.repeat(65536)}`;
    await expect(decryptPrivateKey(big, new Uint8Array())).rejects.toThrow(/larger than/);
    expect(() => loadPublicKey(big)).toThrow(KeyError);
  });

  it('refuses a salt over 1024 bytes before scrypt runs', async () => {
    const block = decodeFirstPem(privateKeyPem)!;
    const envelope = JSON.parse(Buffer.from(block.der).toString('utf8')) as { kdf: { salt: string } };
    envelope.kdf.salt = Buffer.alloc(4096, 7).toString('base64');
    const pem = encodePem(block.label, Buffer.from(JSON.stringify(envelope)));
    const error = await decryptPrivateKey(pem, new Uint8Array()).then(
      () => undefined,
      (e: unknown) => e as KeyError,
    );
    expect(error?.code).toBe('KEY_KDF_PARAMS');
    expect(error?.message).toMatch(/salt of 4096 bytes, more than 1024/);
  });
});
