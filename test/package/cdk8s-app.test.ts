/**
 * A project laid out as the pinned cdk8s-cli's `cdk8s init typescript-app` makes it (its tsconfig:
 * CommonJS, node10 resolution, lib es2016, no skipLibCheck; `app: npx ts-node main.ts`; @types/node 14)
 * installs the packed tarball, compiles the README program with `tsc --strict` and `npx cdk8s synth`s it
 * to the YAML this repository writes. The template files are read from node_modules/cdk8s-cli, not
 * copied here; the interactive init (which also runs `cdk8s import` and jest) is not run, and jest is
 * left out of the devDependencies. A second project pins the oldest cdk8s and constructs the peer
 * ranges allow, unlike the repository's: npm installs one copy of each, and synth still works.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUserProject, packageTarball, pinnedVersion, type UserProject } from '../helpers/package-tarball.js';
import { readmeProgram, readYamlFolder, repoSynth } from '../helpers/readme-program.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TEMPLATE = join(ROOT, 'node_modules/cdk8s-cli/templates/typescript-app');

const installedVersion = (name: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The template's package.json with the values `cdk8s init` fills in (cdk8s-cli's determineDeps), plus signet. */
function templatePackageJson(tarball: string): string {
  const cli = JSON.parse(readFileSync(join(ROOT, 'node_modules/cdk8s-cli/package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const filled = readFileSync(join(TEMPLATE, 'package.json'), 'utf8')
    .replaceAll('{{ $base }}', 'cdk8s-app')
    .replaceAll('{{ cdk8s_core_version }}', installedVersion('cdk8s'))
    .replaceAll('{{ cdk8s_plus_version }}', installedVersion('cdk8s-plus-33'))
    .replaceAll('{{ constructs_version }}', (cli.dependencies.constructs ?? '').replace('^', ''))
    .replaceAll('{{ cdk8s_cli_spec }}', `^${pinnedVersion('cdk8s-cli')}`);
  const pkg = JSON.parse(filled) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
  for (const jest of ['jest', 'ts-jest', '@types/jest']) delete pkg.devDependencies[jest];
  pkg.dependencies.signet = `file:${tarball}`;
  return JSON.stringify(pkg, null, 2);
}

/** Every installed copy of a package in a project (`node_modules/**\/name/package.json`). */
function copiesOf(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(modules);
    } catch {
      return;
    }
    for (const entry of entries) {
      const paths = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((e) => join(modules, entry, e)) : [join(modules, entry)];
      for (const path of paths) {
        if (path.endsWith(`/node_modules/${name}`)) found.push(path);
        walk(join(path, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return found;
}

describe('a project laid out by cdk8s init typescript-app', () => {
  const program = readmeProgram();
  let app: UserProject;
  let older: UserProject;
  let expected: Record<string, string>;

  beforeAll(async () => {
    const tarball = await packageTarball();
    [app, older, expected] = await Promise.all([
      createUserProject('cdk8s-app', {
        'package.json': templatePackageJson(tarball),
        'tsconfig.json': readFileSync(join(TEMPLATE, 'tsconfig.json'), 'utf8'),
        'cdk8s.yaml': readFileSync(join(TEMPLATE, 'cdk8s.yaml'), 'utf8'),
        '.gitignore': readFileSync(join(TEMPLATE, '{{}}.gitignore'), 'utf8'),
        'main.ts': program,
      }),
      createUserProject('older-cdk8s', {
        'package.json': JSON.stringify({ name: 'older', private: true, type: 'module', dependencies: { signet: `file:${tarball}`, cdk8s: '2.70.0', constructs: '10.3.0' } }),
        'main.mjs': program,
      }),
      repoSynth(program),
    ]);
  }, 600_000);
  afterAll(() => {
    app?.remove();
    older?.remove();
  });

  it('uses the template as generated: CommonJS, ts-node', () => {
    expect(JSON.parse(readFileSync(join(app.dir, 'tsconfig.json'), 'utf8')).compilerOptions.module).toBe('CommonJS');
    expect(readFileSync(join(app.dir, 'cdk8s.yaml'), 'utf8')).toMatch(/^app: npx ts-node main\.ts$/m);
  });

  it('compiles the README program with tsc --strict', async () => {
    const tsc = await app.exec('npx', ['tsc', '--strict', '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  it('synthesizes it with npx cdk8s synth, byte for byte as this repository does', async () => {
    await app.exec('npx', ['cdk8s', 'synth']);
    expect(readYamlFolder(join(app.dir, 'dist'))).toEqual(expected);
  });

  it('shares the project\'s cdk8s and constructs: one copy each', () => {
    expect(copiesOf(app.dir, 'cdk8s')).toHaveLength(1);
    expect(copiesOf(app.dir, 'constructs')).toHaveLength(1);
  });

  it('with cdk8s 2.70.0 and constructs 10.3.0 (not the versions signet is built with) loads one copy and synthesizes the same YAML', async () => {
    expect(installedVersion('cdk8s')).not.toBe('2.70.0');
    expect(copiesOf(older.dir, 'cdk8s')).toEqual([join(older.dir, 'node_modules/cdk8s')]);
    expect(copiesOf(older.dir, 'constructs')).toEqual([join(older.dir, 'node_modules/constructs')]);
    await older.exec('node', ['main.mjs']);
    expect(readYamlFolder(join(older.dir, 'dist'))).toEqual(expected);
  });
});
