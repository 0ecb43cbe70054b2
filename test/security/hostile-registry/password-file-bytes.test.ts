/**
 * Finding 8: `--password-file` is the file's bytes, not its lossy UTF-8 decoding. Distinct non-UTF-8
 * files are distinct passwords, and a key encrypted with non-UTF-8 password bytes (as cosign would
 * encrypt it with those bytes in COSIGN_PASSWORD) opens with a file holding exactly those bytes. The
 * documented rule stays: one trailing `\n` or `\r\n` is removed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateKeyPair } from '../../../src/signer/keys/index.js';
import { runSignet } from '../../helpers/cli.js';
import { expectCleanFailure } from '../../bad-input/_cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Not UTF-8: a lone continuation byte, an invalid lead byte, a truncated sequence, a NUL. */
const PASSWORD = Uint8Array.from([0xff, 0xfe, 0x80, 0x00, 0xc3, 0x28, 0x61]);

describe('hostile input: password files that are not UTF-8', () => {
  let dir: string;
  let publicKeyPem = '';

  beforeAll(async () => {
    dir = tempDir('signet-password-bytes-');
    const pair = await generateKeyPair(PASSWORD);
    writeFileSync(join(dir, 'bytes.key'), pair.privateKeyPem, { mode: 0o600 });
    publicKeyPem = pair.publicKeyPem;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, ...parts: Uint8Array[]): string => {
    writeFileSync(join(dir, name), Buffer.concat(parts));
    return name;
  };

  it.each([
    ['exactly the bytes', []],
    ['the bytes and a newline', [Uint8Array.from([0x0a])]],
    ['the bytes and CRLF', [Uint8Array.from([0x0d, 0x0a])]],
  ] as const)('opens a key encrypted with non-UTF-8 bytes from a file holding %s', async (name, suffix) => {
    const path = file(`pw-${name.replace(/ /g, '-')}`, PASSWORD, ...suffix);
    const run = await runSignet(dir, ['public-key', '--key', 'bytes.key', '--password-file', path]);
    expect(run).toEqual({ code: 0, stdout: publicKeyPem, stderr: '' });
  });

  it('removes only one trailing newline', async () => {
    const path = file('pw-two-newlines', PASSWORD, Uint8Array.from([0x0a, 0x0a]));
    expectCleanFailure(await runSignet(dir, ['public-key', '--key', 'bytes.key', '--password-file', path]), 3);
  });

  it('tells two distinct non-UTF-8 password files apart', async () => {
    const a = file('pw-a', Uint8Array.from([0xff, 0xfe]));
    const b = file('pw-b', Uint8Array.from([0xfe, 0xff]));
    const made = await runSignet(dir, ['generate-key-pair', '--output-key-prefix', 'distinct', '--password-file', a]);
    expect(made.code).toBe(0);
    const withB = await runSignet(dir, ['public-key', '--key', 'distinct.key', '--password-file', b]);
    expectCleanFailure(withB, 3);
    expect(withB.stderr).toMatch(/password/);
    const withA = await runSignet(dir, ['public-key', '--key', 'distinct.key', '--password-file', a]);
    expect(withA).toEqual({ code: 0, stdout: readFileSync(join(dir, 'distinct.pub'), 'utf8'), stderr: '' });
  });
});
