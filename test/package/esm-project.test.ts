/**
 * A user's ESM TypeScript project outside the repository installs the packed tarball (no path tricks):
 * it type-checks the README program with `tsc --strict` (and `exactOptionalPropertyTypes`, without
 * `skipLibCheck`), `npx cdk8s synth` runs it through tsx and writes the YAML this repository's own synth
 * writes; plain `node` imports and requires the package; the installed `signet` CLI generates keys,
 * signs and verifies against a real registry. One install serves all of these.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRegistryClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { createUserProject, packageTarball, pinnedVersion, type UserProject } from '../helpers/package-tarball.js';
import { readmeProgram, readYamlFolder, repoSynth } from '../helpers/readme-program.js';
import { e2eProfiles, exampleFiles } from '../oracles/_differential.js';
import { pushRandomImage, registryAvailable, startRegistry, type TestRegistry } from '../helpers/registry.js';

describe('an ESM TypeScript project that installs the tarball', () => {
  const program = readmeProgram();
  let project: UserProject;
  let expected: Record<string, string>;

  beforeAll(async () => {
    const tarball = await packageTarball();
    [project, expected] = await Promise.all([
      createUserProject('esm', {
        'package.json': JSON.stringify({
          name: 'esm-user',
          private: true,
          type: 'module',
          dependencies: { signet: `file:${tarball}`, cdk8s: pinnedVersion('cdk8s'), constructs: pinnedVersion('constructs') },
          devDependencies: {
            'cdk8s-cli': pinnedVersion('cdk8s-cli'),
            tsx: pinnedVersion('tsx'),
            typescript: pinnedVersion('typescript'),
            '@types/node': pinnedVersion('@types/node'),
          },
        }),
        'tsconfig.json': JSON.stringify({
          compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'] },
          include: ['*.ts'],
        }),
        'cdk8s.yaml': 'language: typescript\napp: npx tsx main.ts\n',
        'main.ts': program,
      }),
      repoSynth(program),
    ]);
  }, 600_000);
  afterAll(() => project?.remove());

  it('installs one copy of cdk8s and constructs: the project\'s own, as peers', () => {
    expect(existsSync(join(project.dir, 'node_modules/signet/node_modules'))).toBe(false);
    expect(existsSync(join(project.dir, 'node_modules/signet/src'))).toBe(false);
  });

  it('type-checks the README program with tsc --strict, declarations included (no skipLibCheck)', async () => {
    const tsc = await project.exec('npx', ['tsc', '--strict', '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  // cdk8s-plus-28's own declarations fail under exactOptionalPropertyTypes (its classes implement its
  // interfaces loosely); signet's declarations and the program must not.
  it('type-checks under exactOptionalPropertyTypes too, apart from cdk8s-plus-28\'s own declarations', async () => {
    const tsc = await project.exec('npx', ['tsc', '--strict', '--exactOptionalPropertyTypes', '-p', '.']).catch((error: { stdout: string }) => error);
    const errors = tsc.stdout.split('\n').filter((line) => /error TS/.test(line) && !line.startsWith('node_modules/cdk8s-plus-28/'));
    expect(errors).toEqual([]);
  });

  it('synthesizes it with npx cdk8s synth, byte for byte as this repository does', async () => {
    await project.exec('npx', ['cdk8s', 'synth']);
    expect(readYamlFolder(join(project.dir, 'dist'))).toEqual(expected);
  });

  it('loads in plain node with import and with require (no loader)', async () => {
    const probe = "typeof m.BuildAndSignPipeline + ' ' + typeof m.signer.signImage + ' ' + m.signer.signatureTag('sha256:' + 'a'.repeat(64))";
    const want = `function function sha256-${'a'.repeat(64)}.sig\n`;
    const esm = await project.exec('node', ['--input-type=module', '-e', `import * as m from 'signet'; console.log(${probe});`]);
    expect(esm).toEqual({ stdout: want, stderr: '' });
    const cjs = await project.exec('node', ['--input-type=commonjs', '-e', `const m = require('signet'); console.log(${probe});`]);
    expect(cjs).toEqual({ stdout: want, stderr: '' });
    const esmKeys = await project.exec('node', ['--input-type=module', '-e', "import * as m from 'signet'; console.log(Object.keys(m).sort().join())"]);
    const cjsKeys = await project.exec('node', ['--input-type=commonjs', '-e', "console.log(Object.keys(require('signet')).filter((k) => k !== '__esModule').sort().join())"]);
    expect(cjsKeys.stdout).toBe(esmKeys.stdout);
  });

  it('exports the signer alone as signet/signer (without loading cdk8s), the same as the signer namespace', async () => {
    const keys = "import * as root from 'signet'; import * as sub from 'signet/signer'; console.log(JSON.stringify([Object.keys(root.signer).sort(), Object.keys(sub).sort()]))";
    const [fromRoot, fromSubpath] = JSON.parse((await project.exec('node', ['--input-type=module', '-e', keys])).stdout) as [string[], string[]];
    expect(fromSubpath).toEqual(fromRoot);
    expect(fromSubpath).toContain('signImage');
    const required = await project.exec('node', ['--input-type=commonjs', '-e', "const s = require('signet/signer'); console.log(typeof s.verifyImage, Object.keys(require.cache).some((f) => f.includes('/cdk8s')))"]);
    expect(required.stdout).toBe('function false\n');
  });

  describe.skipIf(!registryAvailable())('the installed signet CLI', () => {
    let registry: TestRegistry;
    let client: RegistryClient;
    beforeAll(async () => {
      registry = await startRegistry();
      client = createRegistryClient();
    });
    afterAll(async () => {
      client?.close();
      await registry?.stop();
    });

    it('prints its help from the compiled bundle', async () => {
      const pkg = JSON.parse(readFileSync(join(project.dir, 'node_modules/signet/package.json'), 'utf8')) as { bin: Record<string, string> };
      expect(pkg.bin.signet).toMatch(/\.c?js$/);
      const help = await project.exec('npx', ['signet', '--help']);
      expect(help.stdout).toMatch(/^signet: sign and verify container images/);
      expect(help.stderr).toBe('');
    });

    it('generates a key pair, signs an image by digest and verifies it', async () => {
      const env = { COSIGN_PASSWORD: 'package-test', DOCKER_CONFIG: join(project.dir, 'no-docker-config') };
      await project.exec('npx', ['signet', 'generate-key-pair'], env);
      expect(readFileSync(join(project.dir, 'cosign.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----|^-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----/);
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'package/app' });
      const ref = `${registry.host}/package/app@${image.digest}`;
      const signed = await project.exec('npx', ['signet', 'sign', '--key', 'cosign.key', ref], env);
      expect(signed.stdout).toBe(`${ref}\n`);
      const verified = await project.exec('npx', ['signet', 'verify', '--key', 'cosign.pub', ref], env);
      expect(JSON.parse(verified.stdout)).toEqual([
        { critical: { identity: { 'docker-reference': `${registry.host}/package/app` }, image: { 'docker-manifest-digest': image.digest }, type: 'cosign container image signature' }, optional: null },
      ]);
    });
  });

  it("lints this repository's catalog/ and dist/ and Tekton's own examples with the installed signet", async () => {
    const bin = join(project.dir, 'node_modules/signet/lib/bin/signet.cjs');
    const repo = join(import.meta.dirname, '../..');
    const clean = await project.exec(process.execPath, [bin, 'lint', join(repo, 'catalog'), join(repo, 'dist/manifests')]);
    expect(clean.stdout).toMatch(/\b0 errors?\b|no findings|clean/i);
    // each example on its own (the examples reuse names), under the alpha profile of Tekton's e2e jobs
    const alpha = e2eProfiles().find((p) => p.gate === 'alpha')!;
    const flags = join(project.dir, 'feature-flags.yaml');
    writeFileSync(flags, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: alpha.featureFlags }));
    const refused: string[] = [];
    for (const file of exampleFiles('alpha')) {
      await project.exec(process.execPath, [bin, 'lint', '--feature-flags', flags, file]).catch((error: Error) => refused.push(error.message));
    }
    expect(refused).toEqual([]);
  }, 300_000);

  // Last in the file: it rewrites the project's cdk8s.yaml.
  it('runs signet lint and the cdk8s validation plugin from the installed package', async () => {
    const image = `docker.io/library/alpine:3.20@sha256:${'a'.repeat(64)}`;
    const dup = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'dup' }, spec: { steps: [{ name: 'a', image, command: ['true'] }, { name: 'a', image, command: ['true'] }] } };
    writeFileSync(join(project.dir, 'broken.json'), JSON.stringify(dup));
    const lint = await project.exec('npx', ['signet', 'lint', 'broken.json']).then(() => undefined, (error: Error) => error.message);
    expect(lint).toContain('STEP-1');
    writeFileSync(join(project.dir, 'plain.mjs'), `import { App, Chart, ApiObject } from 'cdk8s';\nconst app = new App();\nnew ApiObject(new Chart(app, 'ci'), 'dup', ${JSON.stringify(dup)});\napp.synth();\n`);
    const plugin = join(project.dir, 'node_modules/signet/lib/lint/cdk8s-validation-plugin.cjs');
    writeFileSync(join(project.dir, 'cdk8s.yaml'), `app: node plain.mjs\nvalidations:\n  - package: ${plugin}\n    version: 0.1.0\n    class: TektonValidation\n`);
    const synth = await project.exec('npx', ['cdk8s', 'synth']).then(() => 'exit 0', (error: Error) => error.message);
    expect(synth).toContain('STEP-1');
    expect(synth).toMatch(/Status\s+│ failure/);
  });
});
