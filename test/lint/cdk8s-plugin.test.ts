/**
 * The cdk8s validation plugin with the real cdk8s CLI: a temporary project whose cdk8s.yaml lists the plugin
 * under `validations:`, and whose app uses no signet construct at all (plain cdk8s ApiObjects).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../..');
const PLUGIN = resolve(ROOT, 'src/lint/cdk8s-validation-plugin.cjs');
const IMAGE = `docker.io/library/alpine:3.20@sha256:${'a'.repeat(64)}`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `cdk8s synth` in a fresh project whose app adds `objects` (ApiObject props) to one chart. */
function synth(objects: unknown[], properties: Record<string, unknown> = {}): { code: number | null; output: string } {
  const dir = tempDir('signet-cdk8s-plugin-');
  dirs.push(dir);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'main.mjs'),
    `import { App, Chart, ApiObject } from 'cdk8s';\nconst app = new App();\nconst chart = new Chart(app, 'ci');\n` +
      `${JSON.stringify(objects)}.forEach((o, i) => new ApiObject(chart, 'o' + i, o));\napp.synth();\n`,
  );
  writeFileSync(
    join(dir, 'cdk8s.yaml'),
    `app: node main.mjs\nvalidations:\n  - package: ${PLUGIN}\n    version: 0.1.0\n    class: TektonValidation\n    properties: ${JSON.stringify(properties)}\n`,
  );
  const run = spawnSync(join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

const task = (name: string, steps: unknown[], annotations?: Record<string, string>) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { steps },
});

describe('cdk8s validation plugin', () => {
  it('fails cdk8s synth on a Tekton error, naming rule, resource, manifest and line', () => {
    const { code, output } = synth([
      task('dup', [
        { name: 'a', image: IMAGE, command: ['true'] },
        { name: 'a', image: IMAGE, command: ['true'] },
      ]),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } },
    ]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Status\s+│ failure/);
    expect(output).toContain('STEP-1');
    expect(output).toContain('Construct Path: ci/o0');
    expect(output).toContain('Manifest Path: dist/ci.k8s.yaml');
    expect(output).toMatch(/Task\/dup spec\.steps \(line \d+, column \d+\): step name "a" is used more than once/);
    expect(output).toContain('1 Tekton object validated, 1 other document skipped: 1 error');
  }, 120_000);

  it('passes a clean app, and one whose error is suppressed with a reason (logged as suppressed)', () => {
    const { code, output } = synth([
      task('ok', [{ name: 'a', image: IMAGE, command: ['true'] }]),
      task('dup', [{ name: 'a', image: IMAGE, command: ['true'] }, { name: 'a', image: IMAGE, command: ['true'] }], { 'signet.dev/ignore': 'STEP-1: reproduces a Tekton bug' }),
    ]);
    expect(output).toMatch(/Status\s+│ success/);
    expect(output).toContain('suppressed: Task/dup [STEP-1] spec.steps: step name "a" is used more than once (reproduces a Tekton bug)');
    expect(code).toBe(0);
  }, 120_000);

  it('takes feature flags from its properties', () => {
    const cel = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 't', taskSpec: { steps: [{ name: 's', image: IMAGE, command: ['true'] }] }, when: [{ cel: "'a' == 'a'" }] }] } };
    expect(synth([cel]).code).not.toBe(0);
    expect(synth([cel], { featureFlags: { 'enable-cel-in-whenexpression': 'true' } }).code).toBe(0);
  }, 120_000);
});
