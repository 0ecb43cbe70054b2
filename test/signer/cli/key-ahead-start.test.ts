import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { startKeyAhead } from '../../../src/signer/cli/key-ahead-start.js';
import { decryptPrivateKeyWith, generateKeyPair, MAX_KEY_FILE_BYTES, type ScryptAhead } from '../../../src/signer/keys/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

const dir = tempDir('signet-key-ahead-');
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
let keyPem: string;
let publicPem: string;

beforeAll(async () => {
  const pair = await generateKeyPair(enc('pw'), 'cosign');
  keyPem = pair.privateKeyPem;
  publicPem = pair.publicKeyPem;
  writeFileSync(join(dir, 'cosign.key'), keyPem);
  writeFileSync(join(dir, 'pw.txt'), 'pw\n');
  writeFileSync(join(dir, 'other.txt'), 'other');
  writeFileSync(join(dir, 'big.key'), Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 0x41));
  writeFileSync(join(dir, 'bad.key'), '-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\nnot base64 json\n-----END ENCRYPTED COSIGN PRIVATE KEY-----\n');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
});

/** Whether decrypting the test key with `password` took its scrypt result from `ahead`. */
async function usedFor(ahead: ScryptAhead | undefined, password: string): Promise<boolean> {
  if (ahead === undefined) return false;
  let matched = false;
  const watching: ScryptAhead = {
    take: (...args) => {
      const result = ahead.take(...args);
      matched = result !== undefined;
      return result;
    },
  };
  const signer = await decryptPrivateKeyWith(watching, keyPem, enc(password));
  expect(signer.publicKeyPem()).toBe(publicPem);
  return matched;
}

describe('startKeyAhead', () => {
  it.each<[string, string[], Record<string, string>]>([
    ['sign --key FILE with COSIGN_PASSWORD', ['sign', '--key', 'cosign.key', 'reg/repo@sha256:abc'], { COSIGN_PASSWORD: 'pw' }],
    ['sign --key=FILE, flags before and after', ['sign', '-a', 'k=v', '--key=cosign.key', '--new-bundle-format', 'reg/repo:tag'], { COSIGN_PASSWORD: 'pw' }],
    ['sign --password-file (one trailing newline dropped, as the command does)', ['sign', '--password-file', 'pw.txt', '--key', 'cosign.key', 'x'], {}],
    ['--password-file before COSIGN_PASSWORD, as the command reads them', ['sign', '--password-file', 'pw.txt', '--key', 'cosign.key', 'x'], { COSIGN_PASSWORD: 'other' }],
    ['public-key --key FILE', ['public-key', '--key', join(dir, 'cosign.key')], { COSIGN_PASSWORD: 'pw' }],
  ])('starts the derivation the command then uses: %s', async (_, argv, env) => {
    expect(await usedFor(startKeyAhead(argv, env, dir), 'pw')).toBe(true);
  });

  it('starts one that the command does not use when the password differs (it derives the key itself)', async () => {
    const ahead = startKeyAhead(['sign', '--key', 'cosign.key', 'x'], { COSIGN_PASSWORD: 'typo' }, dir);
    expect(ahead).toBeDefined();
    expect(await usedFor(ahead, 'pw')).toBe(false);
  });

  it.each<[string, string[], Record<string, string>]>([
    ['no command', [], { COSIGN_PASSWORD: 'pw' }],
    ['a command that decrypts nothing', ['verify', '--key', 'cosign.key', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['--help', ['--help'], { COSIGN_PASSWORD: 'pw' }],
    ['no --key', ['sign', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['--key without a value', ['sign', 'x', '--key'], { COSIGN_PASSWORD: 'pw' }],
    ['no password source (the command would prompt or refuse)', ['sign', '--key', 'cosign.key', 'x'], {}],
    ['a password file that does not exist', ['sign', '--password-file', 'none.txt', '--key', 'cosign.key', 'x'], {}],
    ['a key file that does not exist', ['sign', '--key', 'none.key', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['a key file larger than any key', ['sign', '--key', 'big.key', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['a malformed key', ['sign', '--key', 'bad.key', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['a directory as the key', ['sign', '--key', '.', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['a FIFO nobody writes to as the key (no hang)', ['sign', '--key', 'fifo', 'x'], { COSIGN_PASSWORD: 'pw' }],
    ['a FIFO nobody writes to as the password file (no hang)', ['sign', '--password-file', 'fifo', '--key', 'cosign.key', 'x'], {}],
  ])('starts nothing and throws nothing for %s', (_, argv, env) => {
    expect(startKeyAhead(argv, env, dir)).toBeUndefined();
  });
});
