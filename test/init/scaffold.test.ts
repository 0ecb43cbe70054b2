/** The templates of `signet init`: pinned to the versions signet is tested with, deterministic, sane. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectName, SCAFFOLD_VERSIONS, scaffoldFiles, SUPPORTED_NODE_RANGE } from '../../src/init/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OWN = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | string>;

describe('scaffold templates', () => {
  const files = scaffoldFiles({ name: 'team-pipelines', signetSpec: '0.1.0' });
  const byPath = new Map(files.map((f) => [f.path, f]));

  it('pins the versions of signet\'s own package.json', () => {
    const own = { ...(OWN.dependencies as Record<string, string>), ...(OWN.devDependencies as Record<string, string>) };
    for (const [name, version] of Object.entries(SCAFFOLD_VERSIONS)) expect(`${name}@${version}`).toBe(`${name}@${own[name]}`);
    expect(SUPPORTED_NODE_RANGE).toBe((OWN.engines as Record<string, string>).node);
  });

  it('is the same for the same options', () => {
    expect(scaffoldFiles({ name: 'team-pipelines', signetSpec: '0.1.0' })).toEqual(files);
  });

  it('writes a package.json with the dependencies, the synth script and no ranges', () => {
    const pkg = JSON.parse(byPath.get('package.json')!.content) as Record<string, Record<string, string>>;
    expect(pkg.name).toBe('team-pipelines');
    expect(pkg.dependencies).toEqual({ cdk8s: SCAFFOLD_VERSIONS.cdk8s, constructs: SCAFFOLD_VERSIONS.constructs, signet: '0.1.0' });
    expect(pkg.devDependencies?.['cdk8s-cli']).toBe(SCAFFOLD_VERSIONS['cdk8s-cli']);
    expect(pkg.scripts?.synth).toBe('cdk8s synth --no-check-upgrade');
    expect(JSON.stringify(pkg)).not.toMatch(/"[~^]/);
  });

  it('points cdk8s.yaml at main.ts and dist/, and main.ts at a BuildAndSignPipeline with CHANGE marks', () => {
    expect(parse(byPath.get('cdk8s.yaml')!.content)).toEqual({ language: 'typescript', app: 'node --import tsx main.ts', output: 'dist' });
    const main = byPath.get('main.ts')!.content;
    expect(main).toContain("\nimport { App, Chart } from 'cdk8s';\nimport { BuildAndSignPipeline, RegistryCredentialsSecret, SigningKeySecret, synth } from 'signet';\n");
    expect(main).toContain('new BuildAndSignPipeline(');
    expect(main.match(/\/\/ CHANGE:/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('has a README with the two commands, an executable check script, and keeps dist/ in git', () => {
    const readme = byPath.get('README.md')!.content;
    expect(readme).toMatch(/^npm install\nnpx cdk8s synth\n/m);
    expect(byPath.get('scripts/check-manifests.sh')).toMatchObject({ mode: 0o755 });
    expect(byPath.get('.gitignore')!.content).not.toMatch(/dist/);
  });

  it('derives an npm name from the folder', () => {
    expect(projectName('/tmp/My Pipelines!')).toBe('my-pipelines');
    expect(projectName('/')).toBe('signet-pipelines');
    expect(projectName('/x/.hidden')).toBe('hidden');
  });
});
