/**
 * The `signet` command as npm installs it: scripts/signet-bin.cjs (lib/bin/signet.cjs) beside the esbuild bundle
 * of the CLI, which it runs as a vm.Script. Things that work in-process can break there (a dynamic import() has
 * no loader in a vm.Script), so the registry paths run once through that command: TLS with a private CA, and
 * plain HTTP. Bundled here into a folder of the test's own: `npm pack` in other test files rebuilds lib/.
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

describe('the installed signet command (the bundled CLI run by signet-bin.cjs)', () => {
  let tls: TestRegistry;
  let plain: TestRegistry;
  let dir: string;
  let BIN: string;
  beforeAll(async () => {
    dir = tempDir('signet-bin-');
    BIN = join(dir, 'signet.cjs');
    copyFileSync(join(ROOT, 'scripts/signet-bin.cjs'), BIN);
    await run(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', join(dir, 'signet-cli.cjs')], { cwd: ROOT });
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
});
