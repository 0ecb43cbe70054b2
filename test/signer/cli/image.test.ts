/**
 * `signet image build`: builds the signer image from a bundle and this Node runtime, pushes it to a real
 * registry on 127.0.0.1, and prints the reference the constructs then render.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSignerImage } from '../../../src/catalog/signer-image-setting.js';
import { SigningKeySecret } from '../../../src/constructs/index.js';
import { BuildAndSignPipeline } from '../../../src/patterns/build-and-sign-pipeline.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tempDir } from '../../helpers/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('signet image build', () => {
  const dir = tempDir('signet-image-cli-');
  const bundle = join(dir, 'signet.cjs');
  // the runtime base layer (the node binary, compressed) is cached next to the repository's own image cache
  const env = { XDG_CACHE_HOME: join(ROOT, 'build/xdg-cache') };
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', bundle], { cwd: ROOT, stdio: 'pipe' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.skipIf(!registryAvailable())('with a registry', () => {
    let registry: TestRegistry;
    let client: RegistryClient;
    beforeAll(async () => {
      registry = await startRegistry();
      client = createRegistryClient({});
    });
    afterAll(async () => {
      client?.close();
      await registry?.stop();
    });

    it('pushes the image, prints the pinned reference the registry serves, and the constructs render it', async () => {
      // WHEN the image is built and pushed to a tag
      const run = await runSignet(dir, ['image', 'build', '--bundle', bundle, '--push', `${registry.host}/platform/signet:v1`], env);
      expect(run.code, run.stderr).toBe(0);
      // THEN stdout is one line, the repository pinned by the digest the registry serves under the tag
      expect(run.stdout).toMatch(new RegExp(`^${registry.host.replace(/\./g, '\\.')}/platform/signet@sha256:[0-9a-f]{64}\\n$`));
      const reference = run.stdout.trim();
      const head = await client.headManifest({ registry: registry.host, repository: 'platform/signet' }, 'v1');
      expect(`${registry.host}/platform/signet@${head?.digest}`).toBe(reference);
      expect(run.stderr).toContain(`useSignerImage(app, '${reference}')`);

      // AND a rebuild gives the same digest (nothing depends on the clock or the machine's state)
      const again = await runSignet(dir, ['image', 'build', '--bundle', bundle, '--out', 'layout'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toBe(`${head?.digest}\n`);
      const index = JSON.parse(readFileSync(join(dir, 'layout/index.json'), 'utf8')) as { manifests: { digest: string }[] };
      expect(index.manifests.map((m) => m.digest)).toEqual([head?.digest]);

      // AND an app that sets the printed reference once runs it in both signer Tasks
      const app = Testing.app();
      useSignerImage(app, reference);
      const chart = new Chart(app, 'ci');
      new BuildAndSignPipeline(chart, 'build', { signingKey: SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret') });
      const signerSteps = Testing.synth(chart)
        .filter((o) => o.kind === 'Task' && String(o.metadata.name).startsWith('cosign-'))
        .flatMap((o) => (o.spec.steps as { image: string }[]).map((s) => s.image));
      expect(signerSteps).toEqual([reference, reference]);
    }, 180_000);
  });

  it('explains bad command lines in one line with exit 2', async () => {
    const noSub = await runSignet(dir, ['image']);
    expect(noSub.code).toBe(2);
    expect(noSub.stderr).toBe('signet: image needs the sub-command build, got none; run: signet image build --push REGISTRY/REPO\n');
    const unpinned = await runSignet(dir, ['image', 'build', '--bundle', bundle, '--base', 'debian:12'], env);
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toMatch(/^signet: base 'debian:12' is not pinned by digest; use 'runtime'[^\n]*\n$/);
  });

  it('names the missing launcher or CLI bundle and what to do, exit 6', async () => {
    const hint = 'pass --bundle FILE (the launcher, signet-cli.cjs beside it), or in a signet checkout run npm run bundle first';
    const run = await runSignet(dir, ['image', 'build', '--bundle', 'nope.cjs']);
    expect(run.code).toBe(6);
    expect(run.stderr).toBe(`signet: no signer CLI file (${join(dir, 'nope.cjs')}); ${hint}\n`);
    // a launcher alone is not the CLI
    const alone = tempDir('signet-launcher-alone-');
    copyFileSync(bundle, join(alone, 'signet.cjs'));
    const lonely = await runSignet(dir, ['image', 'build', '--bundle', join(alone, 'signet.cjs')]);
    expect(lonely.code).toBe(6);
    expect(lonely.stderr).toBe(`signet: no signer CLI file (${join(alone, 'signet-cli.cjs')}); ${hint}\n`);
  });
});
