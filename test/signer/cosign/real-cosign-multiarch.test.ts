/**
 * Multi-arch interop with the real cosign (v2.6.x and v3.x), offline, against the real distribution
 * registry: a two-platform OCI index signed with `signet sign --recursive` verifies with signet and
 * with cosign for each platform digest and for the index, in both formats; an index signed with
 * `cosign sign --recursive` verifies with signet by platform digest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateKeyPair } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { COSIGN_VERSIONS, cosign, type Cosign } from '../../helpers/cosign.js';
import { pushTwoPlatformIndex } from '../../helpers/multiarch.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'multiarch-pw';

describe.each(COSIGN_VERSIONS)('multi-arch with real cosign %s', (major) => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let tool: Cosign;
  let dir: string;
  beforeAll(async () => {
    tool = cosign(major);
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    dir = tempDir(`signet-multiarch-${major}-`);
    const made = await tool.run(['generate-key-pair'], { password: PASSWORD, cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const pair = await generateKeyPair(new TextEncoder().encode(PASSWORD), 'sigstore');
    writeFileSync(join(dir, 'signet.key'), pair.privateKeyPem);
    writeFileSync(join(dir, 'signet.pub'), pair.publicKeyPem);
  }, 120_000);
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const signet = (args: string[]) => runSignet(dir, args, { COSIGN_PASSWORD: PASSWORD });
  const twoPlatforms = async (name: string) => {
    const { index, platforms } = await pushTwoPlatformIndex(client, { registry: registry.host, repository: name });
    const at = (digest: string) => `${registry.host}/${name}@${digest}`;
    return { index: at(index.digest), indexDigest: index.digest, platforms: platforms.map((p) => at(p.digest)) };
  };

  describe.each(['legacy', 'bundle'] as const)('%s format', (format) => {
    const formatFlag = `--new-bundle-format=${format === 'bundle'}`;

    it('signet sign --recursive → signet verify and cosign verify accept each platform digest and the index', async () => {
      const image = await twoPlatforms(`s2c-${format}/app`);
      const signed = await signet(['sign', '--key', 'signet.key', formatFlag, '--recursive', '--results-dir', 'results', image.index]);
      expect(signed.code, signed.stderr).toBe(0);
      expect(signed.stdout).toBe(`${image.index}\n`);
      expect(signed.stderr.match(/^signet: also signed .*$/gm)).toEqual(image.platforms.map((p) => `signet: also signed ${p}`));
      expect(readFileSync(join(dir, 'results', 'IMAGE_DIGEST'), 'utf8')).toBe(image.indexDigest);
      expect(readFileSync(join(dir, 'results', 'IMAGE_URL'), 'utf8')).toBe(`${registry.host}/s2c-${format}/app`);
      for (const ref of [...image.platforms, image.index]) {
        const ours = await signet(['verify', '--key', 'signet.pub', formatFlag, ref]);
        expect(ours.code, `signet verify ${ref}: ${ours.stderr}`).toBe(0);
        const theirs = await tool.verify(join(dir, 'signet.pub'), ref);
        expect(theirs.code, `cosign ${tool.version} verify ${ref}: ${theirs.stderr}`).toBe(0);
      }
    });

    it('cosign sign --recursive → signet verify accepts each platform digest and the index', async () => {
      const image = await twoPlatforms(`c2s-${format}/app`);
      const signed = await tool.run(
        [
          'sign', '--key', join(dir, 'cosign.key'), '--tlog-upload=false', '--yes', '--recursive',
          ...(major === 'v2' ? (format === 'bundle' ? ['--new-bundle-format=true'] : []) : [`--new-bundle-format=${format === 'bundle'}`, '--use-signing-config=false']),
          image.index,
        ],
        { password: PASSWORD },
      );
      expect(signed.code, signed.stderr).toBe(0);
      for (const ref of [...image.platforms, image.index]) {
        const ours = await signet(['verify', '--key', 'cosign.pub', formatFlag, ref]);
        expect(ours.code, `signet verify ${ref}: ${ours.stderr}`).toBe(0);
        expect((await signet(['verify', '--key', 'cosign.pub', ref])).code, `auto ${ref}`).toBe(0);
      }
    });
  });

  it('without --recursive cosign too finds no signature on a platform digest (signet signs only the index)', async () => {
    const image = await twoPlatforms('plain/app');
    expect((await signet(['sign', '--key', 'signet.key', image.index])).code).toBe(0);
    expect((await tool.verify(join(dir, 'signet.pub'), image.index)).code).toBe(0);
    const platform = await tool.verify(join(dir, 'signet.pub'), image.platforms[0]!);
    expect(platform.code).not.toBe(0);
    expect(platform.stderr).toMatch(/no signatures found|no matching signatures/i);
  });
});
