/**
 * The exported argument parsers (what Task constructs are tested against) and the per-result
 * file flags `--image-url-file` / `--image-digest-file` against a real registry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseSignArgs, parseVerifyArgs, runCli, type CliIo } from '../../../src/signer/cli/index.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseSignArgs', () => {
  it('returns every flag it was given', () => {
    const parsed = parseSignArgs([
      '--key', '/keys/cosign.key', '--password-file', '/keys/cosign.password', '-a', 'a=1', '--annotations', 'b=x=y',
      '--identity-with-tag', '--image-url-file', '/r/IMAGE_URL', '--image-digest-file', '/r/IMAGE_DIGEST', '--allow-http-registry',
      `registry.example.com/app:v1@${DIGEST}`,
    ]);
    expect(parsed).toEqual({
      keyPath: '/keys/cosign.key',
      passwordFile: '/keys/cosign.password',
      annotations: { a: '1', b: 'x=y' },
      identityWithTag: true,
      imageUrlFile: '/r/IMAGE_URL',
      imageDigestFile: '/r/IMAGE_DIGEST',
      registry: { allowHttp: true, insecure: false },
      reference: { registry: 'registry.example.com', repository: 'app', tag: 'v1', digest: DIGEST },
    });
  });

  it('rejects unknown flags, a missing key, two images and exclusive identities', () => {
    expect(() => parseSignArgs(['--key', 'k', '--no-such-flag', 'r/a'])).toThrow(/unknown option/i);
    expect(() => parseSignArgs(['r/a'])).toThrow(/missing --key/);
    expect(() => parseSignArgs(['--key', 'k', 'r/a', 'r/b'])).toThrow(/exactly one IMAGE, got 2/);
    expect(() => parseSignArgs(['--key', 'k', '--identity-with-tag', '--sign-container-identity', 'x/y', 'r/a:1'])).toThrow(/exclude each other/);
  });
});

describe('parseVerifyArgs', () => {
  it('returns the key, image, annotations and registry flags', () => {
    expect(parseVerifyArgs(['--key', '/keys/cosign.pub', '-a', 'k=v', `r.example/a@${DIGEST}`])).toEqual({
      keyPath: '/keys/cosign.pub',
      annotations: { k: 'v' },
      registry: { allowHttp: false, insecure: false },
      reference: { registry: 'r.example', repository: 'a', digest: DIGEST },
    });
    expect(() => parseVerifyArgs([`r.example/a@${DIGEST}`])).toThrow(/missing --key/);
  });
});

describe('signet sign --image-url-file/--image-digest-file', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  const dir = tempDir('signet-cli-results-');
  const io: CliIo = {
    stdout: () => undefined,
    stderr: () => undefined,
    env: { DOCKER_CONFIG: join(dir, 'none'), COSIGN_PASSWORD: 'pw' },
    cwd: dir,
    homeDir: dir,
    stdinIsTty: false,
    promptHidden: () => Promise.reject(new Error('no tty in tests')),
  };
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient();
    expect(await runCli(['generate-key-pair'], io)).toBe(0);
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  it('writes each result to its own file (directories created), without a trailing newline', async () => {
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'results/app' }, 'v2');
    const code = await runCli(
      ['sign', '--key', 'cosign.key', '--image-url-file', 'out/a/IMAGE_URL', '--image-digest-file', join(dir, 'out/b/IMAGE_DIGEST'), `${registry.host}/results/app:v2@${image.digest}`],
      io,
    );
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'out/a/IMAGE_URL'), 'utf8')).toBe(`${registry.host}/results/app:v2`);
    expect(readFileSync(join(dir, 'out/b/IMAGE_DIGEST'), 'utf8')).toBe(image.digest);
  });

  it('fails in one line, exit 6, when a result file cannot be written', async () => {
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'results/app' }, 'v3');
    // a directory that is a file: ENOTDIR (not /proc: node 20's recursive mkdir hangs there)
    writeFileSync(join(dir, 'a-file'), '');
    let stderr = '';
    const code = await runCli(['sign', '--key', 'cosign.key', '--image-digest-file', 'a-file/IMAGE_DIGEST', `${registry.host}/results/app@${image.digest}`], {
      ...io,
      stderr: (t) => void (stderr += t),
    });
    expect(code).toBe(6);
    expect(stderr).toMatch(/^signet: cannot write the result file \([^)]*a-file\/IMAGE_DIGEST\); check --image-digest-file[^\n]*\n$/);
  });
});
