/**
 * `signet sign` / `verify` authenticating through a real Docker credential helper program (a shell
 * script on PATH that records its calls) against the real distribution registry, with Basic and
 * token auth; the order of the credential sources; and helper failures as one clear line.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRegistryClient } from '../../src/signer/oci/index.js';
import { type CliRun, runSignet } from '../helpers/cli.js';
import { HELPER_STDERR_MARKER, HELPER_STDOUT_MARKER, makeCredentialHelper } from '../helpers/credential-helper.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';

const ROOT = resolve(__dirname, '../..');
const USER = 'helper-user';
const PASSWORD = 'helper-pw-9f1c27d0e4';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const helper = makeCredentialHelper();

/** Runs signet with the helper first on PATH and `config` as `$DOCKER_CONFIG/config.json`. */
async function cli(dir: string, config: unknown, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const configDir = mkdtempSync(join(dir, 'dc-'));
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config));
  return runSignet(dir, args, { PATH: helper.path, DOCKER_CONFIG: configDir, COSIGN_PASSWORD: '', ...env });
}

/** Nothing secret or helper-private in what signet printed. */
function expectClean(run: CliRun): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(b64(`${USER}:${PASSWORD}`));
    expect(text).not.toContain(HELPER_STDERR_MARKER);
    expect(text).not.toContain(HELPER_STDOUT_MARKER);
  }
}

function expectOneLineError(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(/^signet: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expectClean(run);
}

for (const auth of ['basic', 'token'] as const) {
  describe(`credential helpers against a registry with ${auth} auth`, () => {
    let registry: TestRegistry;
    let ref: string;
    const dir = mkdtempSync(join(tmpdir(), `signet-credhelper-${auth}-`));
    beforeAll(async () => {
      const credentials = { username: USER, password: PASSWORD };
      registry = await startRegistry(auth === 'basic' ? { basicAuth: credentials } : { tokenAuth: credentials });
      const client = createRegistryClient({ credentials: () => ({ kind: 'basic', ...credentials }) });
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'helped/app' });
      client.close();
      ref = `${registry.host}/helped/app@${image.digest}`;
      await runSignet(dir, ['generate-key-pair'], { COSIGN_PASSWORD: '' });
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('signs and verifies with credentials from credsStore, asking the helper once per command', async () => {
      helper.mode('ok');
      helper.set(registry.host, USER, PASSWORD);
      const before = helper.calls().length;
      const sign = await cli(dir, { credsStore: helper.name }, ['sign', '--key', 'cosign.key', ref]);
      expect(sign.stderr).toBe('');
      expect(sign.code).toBe(0);
      expect(sign.stdout).toBe(`${ref}\n`);
      const verify = await cli(dir, { credsStore: helper.name }, ['verify', '--key', 'cosign.pub', ref]);
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.stdout)).toHaveLength(1);
      expectClean(sign);
      expectClean(verify);
      expect(helper.calls().slice(before)).toEqual([
        { action: 'get', stdin: registry.host },
        { action: 'get', stdin: registry.host },
      ]);
      if (auth === 'token') expect(registry.tokenServer!.requests.every((r) => r.authorized)).toBe(true);
      // The helper runs with signet's environment, minus the key password.
      expect(helper.lastEnvNames()).toContain('PATH');
      expect(helper.lastEnvNames()).toContain('DOCKER_CONFIG');
      expect(helper.lastEnvNames()).not.toContain('COSIGN_PASSWORD');
    });

    it('prefers the registry\'s credHelpers entry over credsStore and over a wrong auths entry', async () => {
      helper.mode('ok');
      helper.set(registry.host, USER, PASSWORD);
      const config = { auths: { [registry.host]: { auth: b64(`${USER}:wrong`) } }, credHelpers: { [registry.host]: helper.name }, credsStore: 'not-installed' };
      const verify = await cli(dir, config, ['verify', '--key', 'cosign.pub', ref]);
      expect(verify.code).toBe(0);
      expectClean(verify);
    });

    it('treats a credsStore without an entry as anonymous, like docker, even when auths has one', async () => {
      helper.mode('ok');
      helper.set(registry.host, '', '');
      const config = { auths: { [registry.host]: { auth: b64(`${USER}:${PASSWORD}`) } }, credsStore: helper.name };
      expectOneLineError(await cli(dir, config, ['verify', '--key', 'cosign.pub', ref]), 4, /401|refused anonymous access/);
      // Without a helper, the same auths entry is used.
      expect((await cli(dir, { auths: config.auths }, ['verify', '--key', 'cosign.pub', ref])).code).toBe(0);
    });

    it('puts DOCKER_AUTH_CONFIG before the file, without running its helper', async () => {
      helper.mode('fail');
      const before = helper.calls().length;
      const authConfig = JSON.stringify({ auths: { [registry.host]: { auth: b64(`${USER}:${PASSWORD}`) } } });
      const verify = await cli(dir, { credsStore: helper.name }, ['verify', '--key', 'cosign.pub', ref], { DOCKER_AUTH_CONFIG: authConfig });
      expect(verify.code).toBe(0);
      expect(helper.calls().length).toBe(before);
    });

    it('fails with one line, exit 4, when the helper is missing, fails or answers garbage', async () => {
      expectOneLineError(
        await cli(dir, { credHelpers: { [registry.host]: 'nosuchhelper' } }, ['sign', '--key', 'cosign.key', ref]),
        4,
        /^signet: credential helper docker-credential-nosuchhelper for 127\.0\.0\.1:\d+ is not on PATH \(credHelpers in .*config\.json\); install docker-credential-nosuchhelper or remove the entry\n$/,
      );
      helper.mode('fail');
      expectOneLineError(await cli(dir, { credsStore: helper.name }, ['verify', '--key', 'cosign.pub', ref]), 4, /docker-credential-signettest for 127\.0\.0\.1:\d+ failed \(exit code 3\) \(credsStore in /);
      helper.mode('garbage');
      expectOneLineError(await cli(dir, { credsStore: helper.name }, ['sign', '--key', 'cosign.key', ref]), 4, /answered with something other than credentials JSON/);
      expectOneLineError(await cli(dir, { credsStore: '../bin/sh' }, ['verify', '--key', 'cosign.pub', ref]), 4, /is not a plain program suffix/);
    });
  });
}

describe('an identity token from a credential helper', () => {
  const REFRESH_TOKEN = 'refresh-7d3e0b91c2a4';
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ tokenAuth: { username: USER, password: PASSWORD, refreshToken: REFRESH_TOKEN } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('is exchanged at the token server (OAuth2 refresh grant) for sign and verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-credhelper-idtoken-'));
    const client = createRegistryClient({ credentials: () => ({ kind: 'basic', username: USER, password: PASSWORD }) });
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'idtoken/app' });
    client.close();
    const ref = `${registry.host}/idtoken/app@${image.digest}`;
    await runSignet(dir, ['generate-key-pair'], { COSIGN_PASSWORD: '' });
    helper.mode('ok');
    helper.set(registry.host, '<token>', REFRESH_TOKEN);
    const seen = registry.tokenServer!.requests.length;
    const sign = await cli(dir, { credHelpers: { [registry.host]: helper.name } }, ['sign', '--key', 'cosign.key', ref]);
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);
    const verify = await cli(dir, { credHelpers: { [registry.host]: helper.name } }, ['verify', '--key', 'cosign.pub', ref]);
    expect(verify.code).toBe(0);
    const requests = registry.tokenServer!.requests.slice(seen);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.refresh === true && r.authorized)).toBe(true);
    for (const text of [sign.stdout, sign.stderr, verify.stdout, verify.stderr]) expect(text).not.toContain(REFRESH_TOKEN);
  });
});

describe('credential helpers from the signet process', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ basicAuth: { username: USER, password: PASSWORD } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('finds the helper on the PATH of bin/signet.mjs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-credhelper-bin-'));
    const client = createRegistryClient({ credentials: () => ({ kind: 'basic', username: USER, password: PASSWORD }) });
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'bin/app' });
    client.close();
    const ref = `${registry.host}/bin/app@${image.digest}`;
    helper.mode('ok');
    helper.set(registry.host, USER, PASSWORD);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ credsStore: helper.name }));
    const env = { ...process.env, PATH: helper.path, DOCKER_CONFIG: dir, COSIGN_PASSWORD: '' };
    const exec = promisify(execFile);
    await exec('node', [join(ROOT, 'bin/signet.mjs'), 'generate-key-pair'], { env, cwd: dir });
    const signed = await exec('node', [join(ROOT, 'bin/signet.mjs'), 'sign', '--key', 'cosign.key', ref], { env, cwd: dir });
    expect(signed.stdout).toBe(`${ref}\n`);
    expect(signed.stderr).toBe('');
  });
});
