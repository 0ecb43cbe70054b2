/**
 * docs/writing-pipelines.md shows complete programs. This test takes every ```ts block of it, type-checks them
 * all under strict settings, runs each, and validates what it wrote: the guide and the API cannot drift apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validateTektonObject } from '../../src/tekton/validation/index.js';
import { sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GUIDE = readFileSync(join(ROOT, 'docs/writing-pipelines.md'), 'utf8');
const PROGRAMS = [...GUIDE.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

type Manifest = { kind: string; metadata: { name?: string; generateName?: string }; spec: Record<string, any> };

describe('docs/writing-pipelines.md', () => {
  // inside the repository (.tmp/ is git-ignored) so that 'cdk8s' resolves from node_modules
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'guide-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entries = PROGRAMS.map((program, i) => {
    const folder = join(dir, `example-${i + 1}`);
    mkdirSync(folder);
    const signet = relative(folder, join(ROOT, 'src/index.js')).split('\\').join('/');
    writeFileSync(join(folder, 'main.ts'), program.replace(/from 'signet'/, `from '${signet}'`));
    return join(folder, 'main.ts');
  });

  it('has complete programs that import from signet', () => {
    expect(PROGRAMS.length).toBeGreaterThanOrEqual(4);
    for (const program of PROGRAMS) {
      expect(program).toContain("from 'signet'");
      expect(program).toContain('app.synth();');
    }
  });

  it('type-checks every program under strict settings', () => {
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--skipLibCheck', '--resolveJsonModule', '--types', 'node', ...entries],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it.each(PROGRAMS.map((_, i) => i))('example %i synthesizes Tekton objects without validation errors', (i) => {
    const folder = join(dir, `example-${i + 1}`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: folder, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const objects = readdirSync(join(folder, 'dist')).flatMap((file) =>
      parseAllDocuments(readFileSync(join(folder, 'dist', file), 'utf8')).map((d) => d.toJSON() as Manifest),
    );
    expect(objects.length).toBeGreaterThan(0);
    const find = (kind: string) => (name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    for (const o of objects) {
      const errors = validateTektonObject(o, { findTask: find('Task'), findPipeline: find('Pipeline') }).filter((issue) => issue.severity === 'error');
      expect(errors, `${o.kind}/${o.metadata.name}`).toEqual([]);
      if (sharedAvailable()) expect(validateAgainstCrdSchema(o)).toEqual([]);
    }
    // params reach scripts only through env
    for (const task of objects.filter((o) => o.kind === 'Task')) {
      for (const step of task.spec.steps as { script?: string }[]) expect(step.script ?? '').not.toContain('$(params.');
    }
  }, 60_000);
});
