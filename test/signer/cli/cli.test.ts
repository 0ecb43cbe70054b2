import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SIGNET_VERSION } from '../../../src/signer/cli/index.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { type CliRun, runSignet as cli } from '../../helpers/cli.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../../..');
const VECTOR = resolve(ROOT, '../shared/vectors/cosign/keys/policy-controller-cosign-label-empty-password');

function expectOneLineError(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(/^signet: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('signet CLI basics', () => {
  const dir = tempDir('signet-cli-');

  it('prints the package version and help', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(SIGNET_VERSION).toBe(pkg.version);
    expect((await cli(dir, ['--version'])).stdout).toBe(`signet ${pkg.version}\n`);
    const help = await cli(dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('signet sign --key cosign.key [options] IMAGE');
    expect((await cli(dir, [])).code).toBe(2);
  });

  it('gives usage errors exit code 2 with one line', async () => {
    expectOneLineError(await cli(dir, ['frobnicate']), 2, /unknown command "frobnicate"/);
    expectOneLineError(await cli(dir, ['sign', '--bogus', 'x']), 2, /unknown option '--bogus' \(command line\)/);
    expectOneLineError(await cli(dir, ['sign', 'x/y@sha256:abc']), 2, /missing --key/);
    expectOneLineError(await cli(dir, ['sign', '--key', 'k', 'Bad/Ref']), 2, /invalid image reference "Bad\/Ref"/);
    expectOneLineError(await cli(dir, ['sign', '--key', 'k', '-a', 'novalue', 'x/y:1']), 2, /annotation "novalue" is not key=value/);
  });

  it('generates a key pair with 0600/0644 modes, refuses to overwrite, honours --force and --key-format', async () => {
    const run = await cli(dir, ['generate-key-pair', '--output-key-prefix', 'k1'], { COSIGN_PASSWORD: 'pw' });
    expect(run.code).toBe(0);
    expect(statSync(join(dir, 'k1.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'k1.pub')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'k1.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n/);
    const before = readFileSync(join(dir, 'k1.key'), 'utf8');
    expectOneLineError(await cli(dir, ['generate-key-pair', '--output-key-prefix', 'k1'], { COSIGN_PASSWORD: 'pw' }), 6, /refusing to overwrite .*k1\.key.*--force/);
    expect(readFileSync(join(dir, 'k1.key'), 'utf8')).toBe(before);
    expect((await cli(dir, ['generate-key-pair', '--output-key-prefix', 'k1', '--force', '--key-format', 'sigstore'], { COSIGN_PASSWORD: 'pw' })).code).toBe(0);
    expect(readFileSync(join(dir, 'k1.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n/);
    expectOneLineError(await cli(dir, ['generate-key-pair', '--key-format', 'pgp']), 2, /unknown --key-format "pgp"/);
  });

  it('prints the public key of a private key, and refuses a wrong password without echoing it', async () => {
    await cli(dir, ['generate-key-pair', '--output-key-prefix', 'k2'], { COSIGN_PASSWORD: 'right' });
    const pub = await cli(dir, ['public-key', '--key', 'k2.key'], { COSIGN_PASSWORD: 'right' });
    expect(pub.stdout).toBe(readFileSync(join(dir, 'k2.pub'), 'utf8'));
    const wrong = await cli(dir, ['public-key', '--key', 'k2.key'], { COSIGN_PASSWORD: 'WRONG-secret' });
    expectOneLineError(wrong, 3, /password/);
    expect(wrong.stderr).not.toContain('WRONG-secret');
    writeFileSync(join(dir, 'pw.txt'), 'right\n');
    expect((await cli(dir, ['public-key', '--key', 'k2.key', '--password-file', 'pw.txt'])).stdout).toBe(pub.stdout);
  });

  it('asks for a password source instead of reading a non-terminal stdin', async () => {
    await cli(dir, ['generate-key-pair', '--output-key-prefix', 'k3'], { COSIGN_PASSWORD: '' });
    expectOneLineError(await cli(dir, ['public-key', '--key', 'k3.key']), 3, /no password .*set COSIGN_PASSWORD .*--password-file/);
    expect((await cli(dir, ['public-key', '--key', 'k3.key'], { COSIGN_PASSWORD: '' })).code).toBe(0);
    expectOneLineError(await cli(dir, ['public-key', '--key', 'missing.key'], { COSIGN_PASSWORD: '' }), 6, /no such file .*missing\.key.*--key/);
  });
});

describe('signet sign and verify against a real registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  const dir = tempDir('signet-cli-reg-');
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient();
    await cli(dir, ['generate-key-pair', '--output-key-prefix', 'a'], { COSIGN_PASSWORD: 'a-pass' });
    await cli(dir, ['generate-key-pair', '--output-key-prefix', 'b'], { COSIGN_PASSWORD: 'b-pass' });
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  it('signs by tag (with a warning), writes Tekton results, and verifies with JSON output', async () => {
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'cli/app' }, 'v1');
    const results = join(dir, 'results');
    const sign = await cli(dir, ['sign', '--key', 'a.key', '-a', 'pipeline=build', '--results-dir', results, `${registry.host}/cli/app:v1`], { COSIGN_PASSWORD: 'a-pass' });
    expect(sign.code).toBe(0);
    expect(sign.stdout).toBe(`${registry.host}/cli/app@${image.digest}\n`);
    expect(sign.stderr).toMatch(/^signet: warning: image reference .* uses a tag, not a digest/);
    expect(readFileSync(join(results, 'IMAGE_URL'), 'utf8')).toBe(`${registry.host}/cli/app:v1`);
    expect(readFileSync(join(results, 'IMAGE_DIGEST'), 'utf8')).toBe(image.digest);

    const verify = await cli(dir, ['verify', '--key', 'a.pub', `${registry.host}/cli/app@${image.digest}`]);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toEqual([
      {
        critical: { identity: { 'docker-reference': `${registry.host}/cli/app` }, image: { 'docker-manifest-digest': image.digest }, type: 'cosign container image signature' },
        optional: { pipeline: 'build' },
      },
    ]);
    expect((await cli(dir, ['verify', '--key', 'a.pub', '-a', 'pipeline=build', `${registry.host}/cli/app@${image.digest}`])).code).toBe(0);
    const wrongAnnotation = await cli(dir, ['verify', '--key', 'a.pub', '-a', 'pipeline=other', `${registry.host}/cli/app@${image.digest}`]);
    expect(wrongAnnotation.code).toBe(1);
    expect(wrongAnnotation.stdout).toBe('');
  });

  it('exits 1 for a wrong key or an unsigned image, 4 for an unreachable registry', async () => {
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'cli/other' });
    const ref = `${registry.host}/cli/other@${image.digest}`;
    expectOneLineError(await cli(dir, ['verify', '--key', 'a.pub', ref]), 1, /no signatures found/);
    await cli(dir, ['sign', '--key', 'a.key', ref], { COSIGN_PASSWORD: 'a-pass' });
    expectOneLineError(await cli(dir, ['verify', '--key', 'b.pub', ref]), 1, /no valid signature .*check that the public key matches/);
    expectOneLineError(await cli(dir, ['verify', '--key', 'b.pub', `127.0.0.1:1/x/y@${image.digest}`]), 4, /cannot reach registry: ECONNREFUSED/);
  });

  it.skipIf(!existsSync(VECTOR))('runs as a process (bin/signet.mjs) with the vector key and an empty COSIGN_PASSWORD', async () => {
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'cli/bin' });
    const ref = `${registry.host}/cli/bin@${image.digest}`;
    const exec = promisify(execFile);
    const env = { ...process.env, COSIGN_PASSWORD: '', DOCKER_CONFIG: join(dir, 'none') };
    const signed = await exec('node', [join(ROOT, 'bin/signet.mjs'), 'sign', '--key', join(VECTOR, 'key.enc.pem'), ref], { env });
    expect(signed.stdout).toBe(`${ref}\n`);
    const verified = await exec('node', [join(ROOT, 'bin/signet.mjs'), 'verify', '--key', join(VECTOR, 'key.pub'), ref], { env });
    expect(JSON.parse(verified.stdout)).toHaveLength(1);
    const failed = await exec('node', [join(ROOT, 'bin/signet.mjs'), 'verify', '--key', join(dir, 'a.pub'), ref], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('signet against TLS + Basic auth', () => {
  let registry: TestRegistry;
  const dir = tempDir('signet-cli-tls-');
  beforeAll(async () => {
    registry = await startRegistry({ tls: true, basicAuth: { username: 'ci', password: 'ci-secret' } });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('ci:ci-secret').toString('base64') } } }));
    await cli(dir, ['generate-key-pair'], { COSIGN_PASSWORD: '' });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('signs with DOCKER_CONFIG credentials and --registry-cacert, verifies with SSL_CERT_FILE, fails clearly without a CA', async () => {
    const client = createRegistryClient({ tls: { caPem: [registry.caPem!] }, credentials: () => ({ kind: 'basic', username: 'ci', password: 'ci-secret' }) });
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'secure/app' });
    client.close();
    const ref = `${registry.host}/secure/app@${image.digest}`;
    const sign = await cli(dir, ['sign', '--key', 'cosign.key', '--registry-cacert', registry.caPemPath!, ref], { COSIGN_PASSWORD: '', DOCKER_CONFIG: dir });
    expect(sign.stderr).toBe('');
    expect(sign.code).toBe(0);
    expect((await cli(dir, ['verify', '--key', 'cosign.pub', ref], { DOCKER_CONFIG: dir, SSL_CERT_FILE: registry.caPemPath })).code).toBe(0);
    expect((await cli(dir, ['verify', '--key', 'cosign.pub', '--allow-insecure-registry', ref], { DOCKER_CONFIG: dir })).code).toBe(0);
    expectOneLineError(await cli(dir, ['verify', '--key', 'cosign.pub', ref], { DOCKER_CONFIG: dir }), 4, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
    const anonymous = await cli(dir, ['verify', '--key', 'cosign.pub', '--registry-cacert', registry.caPemPath!, ref], { DOCKER_CONFIG: join(dir, 'none') });
    expectOneLineError(anonymous, 4, /registry answered 401 UNAUTHORIZED/);
    expect(anonymous.stderr).not.toContain('ci-secret');
  });
});
