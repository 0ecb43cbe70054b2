/**
 * A project made by `signet init`, the way a platform team starts: the package is packed with `npm pack`,
 * the project depends on that tarball, and the README's two commands run in a temporary folder outside the
 * repository, with no path tricks. Then the CI check passes on the fresh manifests and fails on edited ones,
 * the installed CLI scaffolds the same project again, and it publishes the signer image to a registry that the
 * app then runs.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNER_BUNDLE_FILE } from '../../src/image/constants.js';
import { createRegistryClient } from '../../src/signer/oci/index.js';
import { registryAvailable, startRegistry } from '../helpers/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Where the CLI bundle that the package's `signet` launcher runs sits once the package is built (`npm run build`). */
const BIN_BUNDLE_FILE = 'lib/bin/signet-cli.cjs';

const ROOT = resolve(import.meta.dirname, '../..');
/** The environment of the user's commands: without the `npm_*` variables of an enclosing `npm test`. */
const NPM_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function run(cwd: string, command: string, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: NPM_ENV, timeout: 300_000 });
}

function ok(result: SpawnSyncReturns<string>): string {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

describe('a project made by signet init', () => {
  const work = tempDir('signet-init-e2e-');
  const project = join(work, 'team-pipelines');
  let tarball: string;
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', env: NPM_ENV, timeout: 300_000 });
    tarball = join(work, packed.trim().split('\n').at(-1)!);
    // the README's line: run init from the tarball. A package whose bin still runs the sources through tsx (a
    // devDependency) cannot run outside this repository, so then the repository's bin stands in.
    const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.signet!;
    const init = ['init', 'team-pipelines', '--signet-spec', tarball];
    if (bin.endsWith('.mjs')) ok(run(work, process.execPath, [join(ROOT, bin), ...init]));
    else ok(run(work, 'npm', ['exec', '--yes', '--prefer-offline', `--package=${tarball}`, '--', 'signet', ...init]));
  }, 300_000);

  it('installs and synthesizes with the README\'s two commands', () => {
    const readme = readFileSync(join(project, 'README.md'), 'utf8');
    expect(readme).toContain('npm install\nnpx cdk8s synth\n');
    ok(run(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']));
    ok(run(project, 'npx', ['cdk8s', 'synth']));

    expect(readdirSync(join(project, 'dist'))).toEqual(['ci.k8s.yaml']);
    const objects = parseAllDocuments(readFileSync(join(project, 'dist/ci.k8s.yaml'), 'utf8')).map((d) => d.toJSON() as { kind: string; metadata: { name: string; namespace: string } });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Task/git-clone', 'Task/buildah', 'Task/cosign-sign', 'Task/cosign-verify', 'Pipeline/build-and-sign']);
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set(['ci']));
    // one copy of cdk8s and constructs: the project's, shared with signet
    expect(existsSync(join(project, 'node_modules/signet/node_modules/cdk8s'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/signet/node_modules/constructs'))).toBe(false);
  }, 600_000);

  it('type-checks main.ts with the project\'s strict tsconfig', () => {
    ok(run(project, 'npx', ['tsc', '--noEmit', '-p', '.']));
  }, 120_000);

  it('passes the manifest check on fresh output and fails, naming the fix, when dist/ was edited', () => {
    expect(ok(run(project, 'sh', ['scripts/check-manifests.sh']))).toContain('check-manifests: dist/ matches main.ts');
    const file = join(project, 'dist/ci.k8s.yaml');
    const fresh = readFileSync(file, 'utf8');
    writeFileSync(file, fresh.replace('name: buildah', 'name: buildah-by-hand'));
    const drifted = run(project, 'sh', ['scripts/check-manifests.sh']);
    expect(drifted.status).toBe(1);
    expect(drifted.stderr).toContain('buildah-by-hand');
    expect(drifted.stderr).toMatch(/check-manifests: dist\/ differs from a fresh synth of main\.ts \(diff above\); run npx cdk8s synth and commit dist\/\n$/);
    writeFileSync(file, fresh);
  }, 300_000);

  it('a broken main.ts: every error listed at once, a non-zero exit, and the committed manifests left intact', () => {
    const main = join(project, 'main.ts');
    const good = readFileSync(main, 'utf8');
    const manifests = join(project, 'dist/ci.k8s.yaml');
    const committed = readFileSync(manifests, 'utf8');
    const image = `docker.io/library/alpine:3.20@sha256:${'a'.repeat(64)}`;
    const step = { name: 'a', image, command: ['true'] };
    const broken = good.replace(
      'synth(app);',
      `import { ApiObject } from 'cdk8s';\n` +
        `new ApiObject(ci, 'broken-task', ${JSON.stringify({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'broken' }, spec: { steps: [step, step] } })});\n` +
        `new ApiObject(ci, 'loop', ${JSON.stringify({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'loop' }, spec: { tasks: [{ name: 't', runAfter: ['t'], taskRef: { name: 'broken' } }] } })});\n` +
        'synth(app);',
    );
    writeFileSync(main, broken);
    try {
      const failed = run(project, 'npx', ['cdk8s', 'synth']);
      expect(failed.status).not.toBe(0);
      const output = `${failed.stdout}${failed.stderr}`;
      expect(output).toContain('STEP-1');
      expect(output).toMatch(/DAG-\d/);
      expect(readFileSync(manifests, 'utf8')).toBe(committed);
    } finally {
      writeFileSync(main, good);
    }
  }, 300_000);

  it('the installed signet CLI scaffolds the same files and refuses to overwrite them', () => {
    const again = join(work, 'again');
    ok(run(project, 'npx', ['signet', 'init', again, '--name', 'team-pipelines', '--signet-spec', tarball]));
    for (const name of ['cdk8s.yaml', 'main.ts', 'tsconfig.json', '.gitignore', 'README.md', 'scripts/check-manifests.sh']) {
      expect(readFileSync(join(again, name), 'utf8'), name).toBe(readFileSync(join(project, name), 'utf8'));
    }
    const refused = run(project, 'npx', ['signet', 'init', again]);
    expect(refused.status).toBe(6);
    expect(refused.stderr).toMatch(/^signet: init would overwrite package\.json, cdk8s\.yaml, [^\n]+; nothing was written[^\n]*\n$/);
  }, 120_000);

  it('publishes the signer image with the installed CLI, and an app set to it runs it in both signer Tasks', async (ctx) => {
    // the package's executable CLI is the bundle (with a #! line); a package without one cannot build the image
    const shipped = [BIN_BUNDLE_FILE, SIGNER_BUNDLE_FILE].map((f) => join(project, 'node_modules/signet', f)).find((f) => existsSync(f));
    if (shipped === undefined) ctx.skip(`the tarball ships neither ${BIN_BUNDLE_FILE} nor ${SIGNER_BUNDLE_FILE}`);
    if (!registryAvailable()) ctx.skip('no docker-registry binary');
    const env = { ...NPM_ENV, XDG_CACHE_HOME: join(ROOT, 'build/xdg-cache') };
    const registry = await startRegistry();
    const client = createRegistryClient({});
    try {
      // WHEN the installed CLI builds and pushes the image
      const pushed = spawnSync('npx', ['signet', 'image', 'build', '--push', `${registry.host}/platform/signet:v1`], { cwd: project, encoding: 'utf8', env, timeout: 300_000 });
      expect(pushed.status, pushed.stderr).toBe(0);
      // THEN it prints the repository pinned by the digest the registry serves under the tag
      const reference = pushed.stdout.trim();
      const head = await client.headManifest({ registry: registry.host, repository: 'platform/signet' }, 'v1');
      expect(reference).toBe(`${registry.host}/platform/signet@${head?.digest}`);

      // AND the shipped launcher and bundle are this repository's, so the repository builds the same digest from its sources
      const fresh = join(work, 'fresh', 'signet.cjs');
      execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', fresh], { cwd: ROOT, stdio: 'pipe' });
      for (const name of ['signet.cjs', 'signet-cli.cjs']) {
        expect(readFileSync(join(dirname(shipped!), name)).equals(readFileSync(join(dirname(fresh), name))), `shipped ${name} equals a fresh bundle of the sources`).toBe(true);
      }
      const inRepo = spawnSync(process.execPath, [join(ROOT, 'bin/signet.mjs'), 'image', 'build', '--bundle', fresh], { cwd: work, encoding: 'utf8', env, timeout: 300_000 });
      expect(inRepo.status, inRepo.stderr).toBe(0);
      expect(inRepo.stdout).toBe(`${head?.digest}\n`);

      // AND WHEN main.ts sets that reference once, as its CHANGE comment says
      const mainPath = join(project, 'main.ts');
      const main = readFileSync(mainPath, 'utf8');
      const edited = main
        .replace("import { BuildAndSignPipeline, RegistryCredentialsSecret, SigningKeySecret, synth } from 'signet';", "import { BuildAndSignPipeline, RegistryCredentialsSecret, SigningKeySecret, synth, useSignerImage } from 'signet';")
        .replace(/^\/\/ useSignerImage\(app, '[^']*'\);.*$/m, `useSignerImage(app, '${reference}');`);
      expect(edited).toContain(`\nuseSignerImage(app, '${reference}');\n`);
      writeFileSync(mainPath, edited);
      try {
        ok(run(project, 'npx', ['cdk8s', 'synth']));
        // THEN both signer Tasks run the published image
        const objects = parseAllDocuments(readFileSync(join(project, 'dist/ci.k8s.yaml'), 'utf8')).map((d) => d.toJSON() as { kind: string; metadata: { name: string }; spec: { steps?: { image: string }[] } });
        const signerImages = objects.filter((o) => o.kind === 'Task' && o.metadata.name.startsWith('cosign-')).flatMap((o) => o.spec.steps!.map((step) => step.image));
        expect(signerImages).toEqual([reference, reference]);
      } finally {
        writeFileSync(mainPath, main);
      }
    } finally {
      client.close();
      await registry.stop();
    }
  }, 600_000);
});
