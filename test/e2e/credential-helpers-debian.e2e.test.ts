/**
 * signet with Docker's own credential helpers from Debian's `golang-docker-credential-helpers`
 * (installed by scripts/ensure-test-deps.mjs), set up headless: `pass` over a passphrase-less gpg key
 * in a temporary GNUPGHOME, and `secretservice` over gnome-keyring on a private D-Bus session bus.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRegistryClient, dockerKeychain, parseDockerConfigFile } from '../../src/signer/oci/index.js';
import { runSignet } from '../helpers/cli.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../..');
const USER = 'debian-user';
const PASSWORD = 'debian-pw-5be2a17c90';
const exec = promisify(execFile);

const passReady = ['/usr/bin/docker-credential-pass', '/usr/bin/pass', '/usr/bin/gpg'].every((bin) => existsSync(bin));
const secretServiceReady = ['/usr/bin/docker-credential-secretservice', '/usr/bin/gnome-keyring-daemon', '/usr/bin/dbus-run-session'].every((bin) => existsSync(bin));

let registry: TestRegistry;
let ref: string;
beforeAll(async () => {
  registry = await startRegistry({ basicAuth: { username: USER, password: PASSWORD } });
  const client = createRegistryClient({ credentials: () => ({ kind: 'basic', username: USER, password: PASSWORD }) });
  const image = await pushRandomImage(client, { registry: registry.host, repository: 'debian/app' });
  client.close();
  ref = `${registry.host}/debian/app@${image.digest}`;
});
afterAll(async () => {
  await registry?.stop();
});

/** The JSON `docker login` hands a helper's `store`. */
function storeInput(): string {
  return JSON.stringify({ ServerURL: registry.host, Username: USER, Secret: PASSWORD });
}

describe.skipIf(!passReady)('docker-credential-pass (gpg + pass, headless)', () => {
  const home = tempDir('signet-pass-');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GNUPGHOME: join(home, 'gnupg'), PASSWORD_STORE_DIR: join(home, 'store') };
  beforeAll(() => {
    mkdirSync(env.GNUPGHOME, { mode: 0o700 });
    // No passphrase, so gpg-agent never needs a pinentry (there is no terminal or display).
    execFileSync('gpg', ['--batch', '--quiet', '--passphrase', '', '--quick-gen-key', 'signet test <signet@example.invalid>', 'future-default', 'default', 'never'], { env, stdio: 'ignore' });
    const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(execFileSync('gpg', ['--list-secret-keys', '--with-colons'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[1];
    execFileSync('pass', ['init', fingerprint ?? 'missing'], { env, stdio: 'ignore' });
    execFileSync('docker-credential-pass', ['store'], { env, input: storeInput(), stdio: ['pipe', 'ignore', 'ignore'] });
    writeFileSync(join(home, 'config.json'), JSON.stringify({ credsStore: 'pass' }));
  });
  afterAll(() => {
    // gpg started an agent for GNUPGHOME; it is ours to stop.
    execFileSync('gpgconf', ['--kill', 'all'], { env, stdio: 'ignore' });
  });

  it('signs and verifies with credentials kept in a pass store', async () => {
    const cliEnv = { ...env, DOCKER_CONFIG: home, COSIGN_PASSWORD: '' };
    expect((await runSignet(home, ['generate-key-pair'], cliEnv)).code).toBe(0);
    const sign = await runSignet(home, ['sign', '--key', 'cosign.key', ref], cliEnv);
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);
    const verify = await runSignet(home, ['verify', '--key', 'cosign.pub', ref], cliEnv);
    expect(verify.code).toBe(0);
    for (const text of [sign.stdout, sign.stderr, verify.stdout, verify.stderr]) expect(text).not.toContain(PASSWORD);
  });

  it('reads the answer of pass 0.6 for an unknown server (empty JSON, exit 0) as no credential', async () => {
    const keychain = dockerKeychain(parseDockerConfigFile('{"credsStore": "pass"}', 'c.json'), { env });
    expect(await keychain('unknown.example')).toBeUndefined();
    expect(await keychain(registry.host)).toEqual({ kind: 'basic', username: USER, password: PASSWORD });
  });
});

describe.skipIf(!secretServiceReady)('docker-credential-secretservice (gnome-keyring on a private D-Bus session)', () => {
  it('signs and verifies with credentials from the keyring; "not found" for another registry means anonymous', async () => {
    const home = tempDir('signet-secretservice-');
    const anonymousRegistry = await startRegistry();
    try {
      const client = createRegistryClient();
      const other = await pushRandomImage(client, { registry: anonymousRegistry.host, repository: 'open/app' });
      client.close();
      mkdirSync(join(home, 'run'), { mode: 0o700 });
      writeFileSync(join(home, 'config.json'), JSON.stringify({ credsStore: 'secretservice' }));
      writeFileSync(join(home, 'store.json'), storeInput());
      const signet = `node ${JSON.stringify(join(ROOT, 'bin/signet.mjs'))}`;
      // Everything runs inside one bus session: gnome-keyring-daemon exits with the bus, leaving nothing behind.
      const script = [
        'printf %s keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        'docker-credential-secretservice store < store.json',
        `${signet} generate-key-pair 2>/dev/null`,
        `${signet} sign --key cosign.key ${ref} > sign.out 2> sign.err; echo $? > sign.rc`,
        `${signet} verify --key cosign.pub ${ref} > verify.out 2> verify.err; echo $? > verify.rc`,
        `${signet} verify --key cosign.pub ${anonymousRegistry.host}/open/app@${other.digest} > anon.out 2> anon.err; echo $? > anon.rc`,
      ].join(' && ');
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_RUNTIME_DIR: join(home, 'run'),
        DOCKER_CONFIG: home,
        COSIGN_PASSWORD: '',
      };
      await exec('dbus-run-session', ['--', 'sh', '-c', script], { cwd: home, env, timeout: 120_000 });
      const read = (name: string): string => readFileSync(join(home, name), 'utf8');
      expect(read('sign.err')).toBe('');
      expect([read('sign.rc'), read('sign.out')]).toEqual(['0\n', `${ref}\n`]);
      expect(read('verify.rc')).toBe('0\n');
      // The keyring has nothing for the open registry: anonymous access, which finds no signature (exit 1).
      expect(read('anon.rc')).toBe('1\n');
      expect(read('anon.err')).toMatch(/^signet: no signatures found/);
      for (const name of ['sign.out', 'sign.err', 'verify.out', 'verify.err', 'anon.out', 'anon.err']) expect(read(name)).not.toContain(PASSWORD);
    } finally {
      await anonymousRegistry.stop();
    }
  });
});
