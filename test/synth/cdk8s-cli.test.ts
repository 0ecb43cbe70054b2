/**
 * The synth experience in a user's own repository: a separate project whose `main.ts` ends with `synth(...)`,
 * run by the real `cdk8s synth` (which empties its output folder before it starts the app). The project
 * imports this repository's sources by absolute path; the installed-package variant uses the same program.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CDK8S_CLI = join(ROOT, 'node_modules/cdk8s-cli/bin/cdk8s');
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;

/** A user's main.ts: a Task and a Pipeline; BROKEN=1 breaks them (two errors and a warning), THROW=1 stops at a construct error. */
const MAIN_TS = `import { App, Chart, JsonPatch } from 'cdk8s';
import { Pipeline, Task, synth } from '${join(ROOT, 'src/index.ts')}';

synth(() => {
  const app = new App();
  const chart = new Chart(app, 'ci');
  const task = new Task(chart, 'build');
  const image = task.addParam('IMAGE');
  task.addStep({ name: 'build', image: '${IMAGE}', env: [image.toEnv()], script: '#!/bin/sh\\nset -eu\\necho "$IMAGE"\\n' });
  const pipeline = new Pipeline(chart, 'release');
  pipeline.addTask('build', { task, params: { IMAGE: pipeline.addParam('IMAGE') } });
  if (process.env.BROKEN) {
    task.addStep({ name: 'unpinned', image: 'alpine:3', command: ['true'] });
    task.addJsonPatch(JsonPatch.add('/spec/steps/-', { name: 'build', image: '${IMAGE}', command: ['true'] }));
    pipeline.addJsonPatch(JsonPatch.remove('/spec/tasks/0/params'));
  }
  if (process.env.THROW) task.addParam('IMAGE');
  if (process.env.DESCRIBE) task.metadata.addAnnotation('example.test/note', 'uncommitted');
  return app;
});
`;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=test@example.test', '-c', 'user.name=test', ...args], { cwd, encoding: 'utf8' });

describe('npx cdk8s synth in a user project', () => {
  let project = '';
  let good: Record<string, string> = {};

  const cdk8sSynth = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade'], { cwd: project, env: { ...process.env, ...env }, encoding: 'utf8' });
  const manifests = (): Record<string, string> =>
    existsSync(join(project, 'dist')) ? Object.fromEntries(readdirSync(join(project, 'dist')).map((f) => [f, readFileSync(join(project, 'dist', f), 'utf8')])) : {};

  beforeAll(() => {
    project = tempDir('signet-user-project-');
    mkdirSync(join(project, 'node_modules'));
    for (const dep of ['cdk8s', 'constructs']) execFileSync('ln', ['-s', join(ROOT, 'node_modules', dep), join(project, 'node_modules', dep)]);
    writeFileSync(join(project, 'cdk8s.yaml'), `language: typescript\napp: node --import ${TSX} main.ts\noutput: dist\n`);
    writeFileSync(join(project, 'main.ts'), MAIN_TS);
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
    const first = cdk8sSynth();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    good = manifests();
    expect(Object.keys(good)).toEqual(['ci.k8s.yaml']);
    git(project, 'init', '-q');
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'manifests');
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('lists every error and warning of a broken program at once, exits non-zero, and keeps the committed manifests', () => {
    const result = cdk8sSynth({ BROKEN: '1' });
    expect(result.status).not.toBe(0);
    // what the program printed: cdk8s-cli then adds its own error and stack trace for any app that exits non-zero
    const cli = result.stderr.search(/^Error: command .* returned a non-zero exit code 1$/m);
    expect(cli).toBeGreaterThan(0);
    const ours = result.stderr.slice(0, cli).split('\n');
    expect(ours).toContain('synth failed: 2 error(s); no manifest was written');
    expect(result.stderr).toMatch(/^ {2}\[ci\/build\] \[STEP-1\] spec\.steps: .*; give every step a distinct name$/m);
    expect(result.stderr).toMatch(/^ {2}\[ci\/release\] \[PT-11\] spec\.tasks\[build\]\.params: .*"IMAGE".*; pass /m);
    expect(result.stderr).toMatch(/^warning: \[ci\/build\] \[[A-Z]+-\d+\] spec\.steps\[1\]\.image: .*digest.*/m);
    // the backup predates the commit, so git's copy (the same files) is put back
    expect(result.stderr).toMatch(/^kept the manifests of the last good synth in dist \(restored from (its backup|git)\)$/m);
    expect(ours.filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(manifests()).toEqual(good);
    expect(git(project, 'status', '--porcelain')).toBe('');
  });

  it('prints a construct error as one line and keeps the manifests', () => {
    const result = cdk8sSynth({ THROW: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^synth failed: ci\/build: .*param .*IMAGE.*$/m);
    expect(manifests()).toEqual(good);
  });

  it('after a good synth that is not committed yet, restores its manifests (the backup), not the committed ones', () => {
    expect(cdk8sSynth({ DESCRIBE: '1' }).status).toBe(0);
    const newer = manifests();
    expect(newer).not.toEqual(good);
    const result = cdk8sSynth({ BROKEN: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^kept the manifests of the last good synth in dist \(restored from its backup\)$/m);
    expect(manifests()).toEqual(newer);
    git(project, 'checkout', '--', 'dist');
  });

  it('restores the committed manifests from git in a fresh clone (no backup yet)', () => {
    const clone = tempDir('signet-user-clone-');
    try {
      git(clone, 'clone', '-q', project, 'repo');
      const repo = join(clone, 'repo');
      mkdirSync(join(repo, 'node_modules'));
      for (const dep of ['cdk8s', 'constructs']) execFileSync('ln', ['-s', join(ROOT, 'node_modules', dep), join(repo, 'node_modules', dep)]);
      const result = spawnSync(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade'], { cwd: repo, env: { ...process.env, BROKEN: '1' }, encoding: 'utf8' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/^kept the manifests of the last good synth in dist \(restored from git\)$/m);
      expect(readFileSync(join(repo, 'dist', 'ci.k8s.yaml'), 'utf8')).toBe(good['ci.k8s.yaml']);
      expect(git(repo, 'status', '--porcelain')).toBe('');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('after a pull changed the manifests, restores those, not the older backup', () => {
    // another commit changes dist/ (as a pull would); the backup still holds the first synth's files
    const changed = `${good['ci.k8s.yaml']}# changed upstream\n`;
    writeFileSync(join(project, 'dist', 'ci.k8s.yaml'), changed);
    git(project, 'commit', '-qam', 'upstream change');
    const result = cdk8sSynth({ BROKEN: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/restored from git/);
    expect(readFileSync(join(project, 'dist', 'ci.k8s.yaml'), 'utf8')).toBe(changed);
  });
});
