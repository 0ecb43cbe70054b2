import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { dockerKeychain, dockerServerAddress, loadDockerKeychain, parseDockerConfigFile, prefetchCredentials, RegistryError } from '../../../src/signer/oci/index.js';
import { makeCredentialHelper } from '../../helpers/credential-helper.js';
import { tempDir } from '../../helpers/temp-dir.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

const perRegistry = makeCredentialHelper('signetper');
const store = makeCredentialHelper('signetstore');
const env = { PATH: `${perRegistry.binDir}:${store.path}` };

perRegistry.set('helped.example', 'per-user', 'per-secret');
perRegistry.set('https://index.docker.io/v1/', 'hub-user', 'hub-secret');
store.set('stored.example', 'store-user', 'store-secret');
store.set('both.example', 'store-user', 'store-secret');

/** A config using every source: a per-registry helper, a default helper and `auths` entries. */
function config(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    auths: {
      'helped.example': { auth: b64('auths-user:auths-secret') },
      'both.example': { auth: b64('auths-user:auths-secret') },
      'plain.example': { auth: b64('auths-user:auths-secret') },
    },
    credHelpers: { 'helped.example': perRegistry.name, 'https://index.docker.io/v1/': perRegistry.name, 'docker.io': 'never-used' },
    credsStore: store.name,
    ...extra,
  });
}

describe('dockerServerAddress', () => {
  it('uses the v1 index URL for Docker Hub, host[:port] otherwise', () => {
    for (const hub of ['index.docker.io', 'docker.io', 'registry-1.docker.io']) expect(dockerServerAddress(hub)).toBe('https://index.docker.io/v1/');
    expect(dockerServerAddress('ghcr.io')).toBe('ghcr.io');
    expect(dockerServerAddress('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});

describe('dockerKeychain', () => {
  it("follows Docker's order: credHelpers entry, then credsStore, whose answer is final; auths only without a helper", async () => {
    const keychain = dockerKeychain(parseDockerConfigFile(config(), 'c.json'), { env });
    expect(await keychain('helped.example')).toEqual({ kind: 'basic', username: 'per-user', password: 'per-secret' });
    expect(await keychain('index.docker.io')).toEqual({ kind: 'basic', username: 'hub-user', password: 'hub-secret' });
    expect(await keychain('stored.example')).toEqual({ kind: 'basic', username: 'store-user', password: 'store-secret' });
    expect(await keychain('both.example')).toEqual({ kind: 'basic', username: 'store-user', password: 'store-secret' });
    // credsStore has nothing for plain.example: like docker, the auths entry is not consulted.
    expect(await keychain('plain.example')).toBeUndefined();
    expect(perRegistry.calls().map((c) => c.stdin)).toEqual(['helped.example', 'https://index.docker.io/v1/']);
    expect(store.calls().map((c) => c.stdin)).toEqual(['stored.example', 'both.example', 'plain.example']);
  });

  it('uses auths entries when no helper is configured, and asks a helper once per registry', async () => {
    const onlyPerRegistry = JSON.parse(config()) as Record<string, unknown>;
    delete onlyPerRegistry.credsStore;
    const keychain = dockerKeychain(parseDockerConfigFile(JSON.stringify(onlyPerRegistry), 'c.json'), { env });
    expect(await keychain('plain.example')).toEqual({ kind: 'basic', username: 'auths-user', password: 'auths-secret' });
    expect(await keychain('both.example')).toEqual({ kind: 'basic', username: 'auths-user', password: 'auths-secret' });
    expect(await keychain('other.example')).toBeUndefined();
    const before = perRegistry.calls().length;
    await Promise.all([keychain('helped.example'), keychain('helped.example')]);
    expect(await keychain('helped.example')).toEqual({ kind: 'basic', username: 'per-user', password: 'per-secret' });
    expect(perRegistry.calls().length - before).toBe(1);
  });

  it('puts DOCKER_AUTH_CONFIG auths first and ignores its helpers', async () => {
    const authConfig = JSON.stringify({ auths: { 'helped.example': { username: 'env-user', password: 'env-secret' } }, credsStore: 'never-used' });
    const keychain = dockerKeychain(parseDockerConfigFile(config(), 'c.json'), { env, authConfig });
    const before = perRegistry.calls().length;
    expect(await keychain('helped.example')).toEqual({ kind: 'basic', username: 'env-user', password: 'env-secret' });
    expect(perRegistry.calls().length).toBe(before);
    expect(await keychain('stored.example')).toEqual({ kind: 'basic', username: 'store-user', password: 'store-secret' });
    expect(await dockerKeychain(undefined, { env, authConfig })('helped.example')).toEqual({ kind: 'basic', username: 'env-user', password: 'env-secret' });
    expect(() => dockerKeychain(undefined, { authConfig: '{"auths": ' })).toThrow(/^docker config is not valid JSON \(DOCKER_AUTH_CONFIG variable\); fix or remove it$/);
    expect(await dockerKeychain(undefined, { authConfig: '' })('helped.example')).toBeUndefined();
  });

  it('fails with one line naming the helper when a configured helper is missing', async () => {
    const keychain = dockerKeychain(parseDockerConfigFile(JSON.stringify({ credHelpers: { 'ghcr.io': 'gone' } }), '/home/u/.docker/config.json'), { env });
    const error = await keychain('ghcr.io').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      'credential helper docker-credential-gone for ghcr.io is not on PATH (credHelpers in /home/u/.docker/config.json); install docker-credential-gone or remove the entry',
    );
  });
});

describe('loadDockerKeychain and prefetchCredentials', () => {
  it('reads DOCKER_CONFIG, resolves each registry once up front, and serves them synchronously', async () => {
    const dir = tempDir('signet-keychain-');
    writeFileSync(join(dir, 'config.json'), config());
    const keychain = await loadDockerKeychain({ dockerConfigDir: dir, homeDir: '/nonexistent' }, { env });
    const before = store.calls().length;
    const credentials = await prefetchCredentials(keychain, ['stored.example', 'stored.example', 'plain.example']);
    expect(store.calls().length - before).toBe(2);
    expect(credentials('stored.example')).toEqual({ kind: 'basic', username: 'store-user', password: 'store-secret' });
    expect(credentials('plain.example')).toBeUndefined();
    expect(credentials('helped.example')).toBeUndefined();
    const none = await loadDockerKeychain({ homeDir: join(dir, 'missing') }, { env });
    expect(await none('plain.example')).toBeUndefined();
  });
});
