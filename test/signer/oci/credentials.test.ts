import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadDockerConfig, parseDockerConfig, parseDockerConfigFile, RegistryError } from '../../../src/signer/oci/index.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('parseDockerConfig', () => {
  it('reads auth, username+password and identitytoken entries, keyed by host', () => {
    const store = parseDockerConfig(
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hub:pw:with:colons') },
          'ghcr.io': { username: 'u', password: 'p' },
          'https://registry.example.com:5000': { identitytoken: 'refresh-me', username: '00000000' },
          'empty.example.com': {},
        },
      }),
      'config.json',
    );
    expect(store('index.docker.io')).toEqual({ kind: 'basic', username: 'hub', password: 'pw:with:colons' });
    expect(store('docker.io')).toEqual({ kind: 'basic', username: 'hub', password: 'pw:with:colons' });
    expect(store('ghcr.io')).toEqual({ kind: 'basic', username: 'u', password: 'p' });
    expect(store('registry.example.com:5000')).toEqual({ kind: 'identity-token', username: '00000000', token: 'refresh-me' });
    expect(store('empty.example.com')).toBeUndefined();
    expect(store('other.example.com')).toBeUndefined();
  });

  it('fails on invalid JSON without echoing the content', () => {
    expect(() => parseDockerConfig('{"auths": {"x": {"auth": "c2VjcmV0', '/home/u/.docker/config.json')).toThrow(/not valid JSON \(\/home\/u\/.docker\/config.json\)/);
  });

  it('fails on an auth value without a colon, never printing it', () => {
    try {
      parseDockerConfig(JSON.stringify({ auths: { h: { auth: b64('supersecret') } } }), 'c.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as Error).message).not.toContain('supersecret');
      expect((error as Error).message).not.toContain(b64('supersecret'));
    }
  });

  it('drops user:password from an auths key, so it never reaches a message', () => {
    const config = { auths: { 'https://me:keyhole@registry.example.com/v1/': { auth: b64('no-colon') } } };
    expect(() => parseDockerConfig(JSON.stringify(config), 'c.json')).toThrow(/entry for registry\.example\.com has an "auth" value/);
    expect(() => parseDockerConfig(JSON.stringify(config), 'c.json')).not.toThrow(/keyhole/);
    const store = parseDockerConfig(JSON.stringify({ auths: { 'me:keyhole@ghcr.io': { username: 'u', password: 'p' } } }), 'c.json');
    expect(store('ghcr.io')).toEqual({ kind: 'basic', username: 'u', password: 'p' });
  });
});

describe('parseDockerConfigFile', () => {
  it('reads credsStore and credHelpers as written, next to the auths entries', () => {
    const config = parseDockerConfigFile(
      JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop', credHelpers: { 'https://index.docker.io/v1/': 'pass', '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' } }),
      'c.json',
    );
    expect(config.credsStore).toBe('desktop');
    expect([...config.credHelpers]).toEqual([
      ['https://index.docker.io/v1/', 'pass'],
      ['123.dkr.ecr.us-east-1.amazonaws.com', 'ecr-login'],
    ]);
    expect(config.auths.size).toBe(0);
    expect(parseDockerConfigFile('{"credsStore": ""}', 'c.json').credsStore).toBeUndefined();
    expect(parseDockerConfigFile('null', 'c.json').credHelpers.size).toBe(0);
  });

  it('rejects malformed helper entries with one line naming the key', () => {
    expect(() => parseDockerConfigFile('{"credsStore": 1}', 'c.json')).toThrow(/^docker config "credsStore" is not a string \(c\.json\); fix or remove the entry$/);
    expect(() => parseDockerConfigFile('{"credHelpers": ["pass"]}', 'c.json')).toThrow(/"credHelpers" is not an object \(c\.json\)/);
    expect(() => parseDockerConfigFile('{"credHelpers": {"https://u:pw@ghcr.io": 2}}', 'c.json')).toThrow(/^docker config "credHelpers" entry for ghcr\.io is not a string \(c\.json\); fix or remove the entry$/);
  });
});

describe('loadDockerConfig', () => {
  it('uses DOCKER_CONFIG when given and treats a missing file as anonymous', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-dc-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: b64('a:b') } } }));
    expect((await loadDockerConfig({ dockerConfigDir: dir, homeDir: '/nonexistent' }))('r.example')).toEqual({ kind: 'basic', username: 'a', password: 'b' });
    expect((await loadDockerConfig({ homeDir: join(dir, 'nope') }))('r.example')).toBeUndefined();
  });
});
