/** `signet init` in-process: writes the project into a folder, and refuses to overwrite anything. */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaffoldFiles } from '../../../src/init/index.js';
import { SIGNET_VERSION } from '../../../src/signer/cli/index.js';
import { runSignet } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const PATHS = scaffoldFiles({ name: 'x', signetSpec: 'x' }).map((f) => f.path);

describe('signet init', () => {
  const root = tempDir('signet-init-');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes every file into a new folder, depending on this signet version', async () => {
    const run = await runSignet(root, ['init', 'team-pipelines']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('npm install\n  npx cdk8s synth');
    const dir = join(root, 'team-pipelines');
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'cdk8s.yaml', 'main.ts', 'package.json', 'scripts', 'tsconfig.json']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe('team-pipelines');
    expect(pkg.dependencies.signet).toBe(SIGNET_VERSION);
    expect(statSync(join(dir, 'scripts/check-manifests.sh')).mode & 0o777).toBe(0o755);
  });

  it('turns a tarball path into a file: dependency relative to the project, and passes other specs through', async () => {
    writeFileSync(join(root, 'signet-9.9.9.tgz'), '');
    await runSignet(root, ['init', 'from-tarball', '--signet-spec', 'signet-9.9.9.tgz']);
    await runSignet(root, ['init', 'from-git', '--signet-spec', 'github:signet-dev/signet#v0.1.0']);
    const dep = (name: string): string => (JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.signet!;
    expect(dep('from-tarball')).toBe('file:../signet-9.9.9.tgz');
    expect(dep('from-git')).toBe('github:signet-dev/signet#v0.1.0');
  });

  it('initialises the current folder when it holds none of its files (e.g. a fresh git clone)', async () => {
    const dir = join(root, 'clone');
    mkdirSync(join(dir, '.git'), { recursive: true });
    const run = await runSignet(dir, ['init']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('cd ');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('clone');
  });

  it('refuses to overwrite: one line naming the files, exit 6, nothing written', async () => {
    const dir = join(root, 'existing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.ts'), 'mine\n');
    writeFileSync(join(dir, '.gitignore'), 'mine\n');
    const run = await runSignet(root, ['init', 'existing']);
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`signet: init would overwrite main.ts, .gitignore (${dir}); nothing was written: move those files away or choose an empty folder\n`);
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'main.ts']);
    expect(readFileSync(join(dir, 'main.ts'), 'utf8')).toBe('mine\n');
  });

  it('gives usage errors one line and exit 2', async () => {
    const run = await runSignet(root, ['init', 'a', 'b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^signet: init takes at most one DIR, got 2; run: signet init my-pipelines\n$/);
    expect((await runSignet(root, ['init', '--bogus'])).code).toBe(2);
  });

  it('writes exactly the scaffold file list', async () => {
    await runSignet(root, ['init', 'listed']);
    for (const path of PATHS) expect(statSync(join(root, 'listed', path)).isFile()).toBe(true);
  });
});
