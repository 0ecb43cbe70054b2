/**
 * docs/quickstart.md promises a ten-line program that produces a working signed build pipeline. This test takes
 * exactly the block between the quickstart markers, type-checks it with the project's compiler settings, runs
 * it, and checks what it wrote: the doc and the code cannot drift apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validateTektonObject } from '../../src/tekton/validation/index.js';
import { sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The TypeScript block between `quickstart:begin` and `quickstart:end` in docs/quickstart.md. */
function quickstartProgram(): string {
  const doc = readFileSync(join(ROOT, 'docs/quickstart.md'), 'utf8');
  const section = /<!-- quickstart:begin[^>]*-->\s*```ts\n([\s\S]*?)```\s*<!-- quickstart:end -->/.exec(doc);
  if (!section?.[1]) throw new Error('docs/quickstart.md: no ```ts block between the quickstart:begin and quickstart:end markers');
  return section[1];
}

describe('docs/quickstart.md', () => {
  const program = quickstartProgram();
  // inside the repository (.tmp/ is git-ignored) so that 'cdk8s' resolves from node_modules
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'quickstart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, 'main.ts');
  const signet = `${relative(dir, join(ROOT, 'src/index.js')).split('\\').join('/')}`;
  writeFileSync(entry, program.replace(/from 'signet'/, `from '${signet}'`));

  it('is ten lines', () => {
    expect(program.trimEnd().split('\n').length).toBeLessThanOrEqual(10);
    expect(program).toContain("from 'signet'");
  });

  it('type-checks under the project settings', () => {
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--skipLibCheck', '--resolveJsonModule', '--types', 'node', entry],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('synthesizes a valid build-and-sign pipeline with a run', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', entry], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(join(dir, 'dist'))).toEqual(['ci.k8s.yaml']);
    const objects = parseAllDocuments(readFileSync(join(dir, 'dist/ci.k8s.yaml'), 'utf8')).map((d) => d.toJSON() as Record<string, any>);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name ?? o.metadata.generateName}`)).toEqual([
      'Task/git-clone',
      'Task/buildah',
      'Task/cosign-sign',
      'Task/cosign-verify',
      'Pipeline/build-and-sign',
      'PipelineRun/build-and-sign-run-',
    ]);
    const find = (kind: string) => (name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    for (const o of objects) {
      const errors = validateTektonObject(o, { findTask: find('Task'), findPipeline: find('Pipeline') }).filter((i) => i.severity === 'error');
      expect(errors, `${o.kind}/${o.metadata.name}`).toEqual([]);
      if (sharedAvailable()) expect(validateAgainstCrdSchema(o)).toEqual([]);
    }
    const pipelineRun = objects.at(-1)!;
    expect(pipelineRun.spec.taskRunTemplate.podTemplate.securityContext.fsGroup).toBe(65532);
    expect(pipelineRun.spec.workspaces.map((w: { name: string }) => w.name)).toEqual(['source', 'dockerconfig']);
  });
});
