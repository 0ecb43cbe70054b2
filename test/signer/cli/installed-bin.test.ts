/**
 * The `signet` command as npm installs it and the signer image runs it: the launcher (lib/bin/signet.cjs) beside
 * the esbuild bundle of the CLI, which it runs as a vm.Script after starting the key's scrypt. Things that work
 * in-process can break there (a dynamic import() has no loader in a vm.Script), so the registry paths run once
 * through that command: TLS with a private CA, and plain HTTP. Bundled here into a folder of the test's own:
 * `npm pack` in other test files rebuilds lib/.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateKeyPair } from '../../../src/signer/keys/index.js';
import { createRegistryClient } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

describe('the installed signet command (the bundled CLI run by its launcher)', () => {
  let tls: TestRegistry;
  let plain: TestRegistry;
  let dir: string;
  let BIN: string;
  beforeAll(async () => {
    dir = tempDir('signet-bin-');
    BIN = join(dir, 'signet.cjs');
    await run(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', BIN], { cwd: ROOT });
    [tls, plain] = await Promise.all([startRegistry({ tls: true }), startRegistry()]);
    const pair = await generateKeyPair(new TextEncoder().encode('bin-test'), 'cosign');
    writeFileSync(join(dir, 'cosign.key'), pair.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'cosign.pub'), pair.publicKeyPem);
  });
  afterAll(async () => {
    await Promise.all([tls?.stop(), plain?.stop()]);
  });

  for (const kind of ['TLS with --registry-cacert', 'plain HTTP on loopback'] as const) {
    it(`signs and verifies over ${kind}`, async () => {
      const registry = kind.startsWith('TLS') ? tls : plain;
      const ca = registry.caPemPath === undefined ? [] : ['--registry-cacert', registry.caPemPath];
      const client = createRegistryClient({ ...(registry.caPem === undefined ? {} : { tls: { caPem: [registry.caPem] } }) });
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'bin/app' });
      client.close();
      const ref = `${registry.host}/bin/app@${image.digest}`;
      const env = { PATH: process.env.PATH ?? '', HOME: dir, DOCKER_CONFIG: join(dir, 'none'), COSIGN_PASSWORD: 'bin-test' };
      await run(process.execPath, [BIN, 'sign', '--key', join(dir, 'cosign.key'), ...ca, ref], { env });
      const verified = await run(process.execPath, [BIN, 'verify', '--key', join(dir, 'cosign.pub'), ...ca, ref], { env });
      expect(verified.stdout).toContain(image.digest);
    });
  }

  it('says in one line, exit 6, when the CLI bundle beside the launcher is missing (a broken installation)', async () => {
    const alone = tempDir('signet-launcher-alone-');
    copyFileSync(BIN, join(alone, 'signet.cjs'));
    const failed = await run(process.execPath, [join(alone, 'signet.cjs'), '--help']).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(6);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr).toBe(`signet: cannot read the CLI bundle beside the launcher (${join(alone, 'signet-cli.cjs')}); reinstall signet, or in a checkout run npm run build\n`);
  });

  it("derives the key once, with the scrypt the launcher started, whether the password is right or wrong", async () => {
    // GIVEN a preload that counts node:crypto scrypt calls and WebAssembly scrypt instances
    const counter = join(dir, 'count-scrypt.cjs');
    writeFileSync(
      counter,
      [
        "const crypto = require('node:crypto'); const scrypt = crypto.scrypt; let calls = 0;",
        'crypto.scrypt = function (...args) { calls += 1; return scrypt.apply(this, args); };',
        'const Instance = WebAssembly.Instance; let instances = 0;',
        'WebAssembly.Instance = function (...args) { instances += 1; return new Instance(...args); };',
        "process.on('exit', () => process.stderr.write(`scrypt ${calls} wasm ${instances}\\n`));",
      ].join('\n'),
    );
    const client = createRegistryClient({});
    const image = await pushRandomImage(client, { registry: plain.host, repository: 'bin/ahead' });
    client.close();
    const ref = `${plain.host}/bin/ahead@${image.digest}`;
    const env = (password: string) => ({ PATH: process.env.PATH ?? '', HOME: dir, DOCKER_CONFIG: join(dir, 'none'), COSIGN_PASSWORD: password });
    // WHEN the launcher signs with the right password, and then with a wrong one
    const signed = await run(process.execPath, ['--require', counter, BIN, 'sign', '--key', join(dir, 'cosign.key'), ref], { env: env('bin-test') });
    const refused = await run(process.execPath, ['--require', counter, BIN, 'sign', '--key', join(dir, 'cosign.key'), ref], { env: env('wrong') }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    // THEN one node:crypto derivation (the launcher's) served each, and the CLI ran none of its own
    expect(signed.stderr).toBe('scrypt 1 wasm 0\n');
    expect(refused?.code).toBe(3);
    expect(refused?.stderr).toBe(`signet: wrong password for private key ${join(dir, 'cosign.key')}: decryption failed; supply the password the key was created with\nscrypt 1 wasm 0\n`);
  });
});
