import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Pipeline, TaskReference, TektonConstructError } from '../../src/constructs/index.js';
import { Resolvers } from '../../src/tekton/index.js';
import { buildTask, signTask } from './_fixtures.js';

describe('Pipeline', () => {
  it('wires results by reference and derives the DAG edge', () => {
    // GIVEN
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'BuildAndSign');
    const image = pipeline.addParam('IMAGE');
    const source = pipeline.addWorkspace('source');
    // WHEN
    const build = pipeline.addTask('build', { task: buildTask(chart), params: { IMAGE: image }, workspaces: { source } });
    const sign = pipeline.addTask('sign', {
      task: signTask(chart),
      params: { IMAGE: `${build.result('IMAGE_URL')}@${build.result('IMAGE_DIGEST')}` },
    });
    // THEN
    expect(sign.dependencies).toEqual(['build']);
    const json = pipeline.toJson();
    expect(json.metadata.name).toBe('build-and-sign');
    expect(json.spec.tasks[1]).toEqual({
      name: 'sign',
      params: [{ name: 'IMAGE', value: '$(tasks.build.results.IMAGE_URL)@$(tasks.build.results.IMAGE_DIGEST)' }],
      taskRef: { kind: 'Task', name: 'sign' },
    });
    expect(json.spec.tasks[0].workspaces).toEqual([{ name: 'source', workspace: 'source' }]);
  });

  it('emits runAfter only for ordering without data', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    const ws = pipeline.addWorkspace('source');
    const a = pipeline.addTask('a', { task: buildTask(chart), params: { IMAGE: 'r/a' }, workspaces: { source: ws } });
    const b = pipeline.addTask('b', { task: signTask(chart), params: { IMAGE: 'r/b' }, runAfter: [a] });
    expect(b.dependencies).toEqual(['a']);
    expect(pipeline.toJson().spec.tasks[1].runAfter).toEqual(['a']);
  });

  it('throws when a referenced result is not declared by the Task', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    const build = pipeline.addTask('build', { task: buildTask(chart), params: { IMAGE: 'r/a' }, workspaces: { source: pipeline.addWorkspace('source') } });
    expect(() => build.result('DIGEST')).toThrowError(
      "test/p: pipeline task 'build' has no result 'DIGEST' (task 'build' declares: IMAGE_URL, IMAGE_DIGEST); add the result to the Task or use a declared one",
    );
    expect(() =>
      pipeline.addTask('sign', { task: signTask(chart), params: { IMAGE: '$(tasks.build.results.NOPE)' } }),
    ).toThrowError(/has no result 'NOPE'/);
  });

  it('throws on references to tasks that are not earlier tasks of the pipeline (no cycles by construction)', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    expect(() => pipeline.addTask('sign', { task: signTask(chart), params: { IMAGE: '$(tasks.later.results.X)' } })).toThrowError(
      /^test\/p: \[DAG-2\] spec\.tasks\[sign\]\.params\[IMAGE\]\.value: result reference \$\(tasks\.later\.results\.X\) points at task "later", which is not in the pipeline/,
    );
    const other = new Pipeline(chart, 'other');
    const foreign = other.addTask('x', { task: signTask(chart, 'sign2'), params: { IMAGE: 'r' } });
    expect(() => pipeline.addTask('y', { task: TaskReference.fromName('t'), runAfter: [foreign] })).toThrowError(/runAfter 'x' is not an earlier task/);
  });

  it('throws on missing, unknown and mistyped params', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    const source = pipeline.addWorkspace('source');
    const task = buildTask(chart);
    expect(() => pipeline.addTask('a', { task, workspaces: { source } })).toThrowError(
      /^test\/p: pipeline task 'a': \[PT-11\] spec\.tasks\[a\]\.params: param "IMAGE" is required by Task "build" but not passed \(value: "IMAGE"\); pass \{ name: IMAGE, value: \.\.\. \}$/,
    );
    expect(() => pipeline.addTask('b', { task, params: { IMAGE: 'x', IMAGES: 'y' }, workspaces: { source } })).toThrowError(
      /\[PT-13\] spec\.tasks\[b\]\.params\[IMAGES\]: param "IMAGES" is not declared by Task "build"/,
    );
    expect(() => pipeline.addTask('c', { task, params: { IMAGE: ['x'] }, workspaces: { source } })).toThrowError(
      /\[PT-11\] spec\.tasks\[c\]\.params\[IMAGE\]: param "IMAGE" of Task "build" is a string, but a array is passed/,
    );
    expect(() => pipeline.addTask('d', { task, params: { IMAGE: '$(params.IMAGE)' }, workspaces: { source } })).toThrowError(
      /\[PT-7\] spec\.tasks\[d\]\.params\[IMAGE\]\.value: param "IMAGE" is not declared by the pipeline/,
    );
  });

  it('throws on workspace mistakes', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    const task = buildTask(chart);
    expect(() => pipeline.addTask('a', { task, params: { IMAGE: 'x' } })).toThrowError(/\[WS-7\] spec\.tasks\[a\]\.workspaces: workspace "source" is required by Task "build" but not bound/);
    expect(() => pipeline.addTask('b', { task, params: { IMAGE: 'x' }, workspaces: { source: 'nope' } })).toThrowError(
      /\[WS-4\] spec\.tasks\[b\]\.workspaces\[source\]\.workspace: pipeline workspace "nope" is not declared/,
    );
    const opt = pipeline.addWorkspace('opt', { optional: true });
    expect(() => pipeline.addTask('c', { task, params: { IMAGE: 'x' }, workspaces: { source: opt } })).toThrowError(
      /\[WS-9\] spec\.tasks\[c\]\.workspaces\[source\]: optional pipeline workspace "opt" feeds non-optional workspace "source" of Task "build"/,
    );
    const ws = pipeline.addWorkspace('ws');
    expect(() => pipeline.addTask('d', { task, params: { IMAGE: 'x' }, workspaces: { source: ws, extra: ws } })).toThrowError(
      /\[WS-7\] spec\.tasks\[d\]\.workspaces\[extra\]: workspace binding "extra" does not match any workspace declared by Task "build"/,
    );
  });

  it('throws on duplicate task names across tasks and finally', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    pipeline.addTask('a', { task: TaskReference.fromName('t') });
    expect(() => pipeline.addFinally('a', { task: TaskReference.fromName('t') })).toThrowError(
      /^test\/p: \[DAG-1\] spec\.tasks: pipeline task name "a" is used more than once across tasks and finally \(value: "a"\)/,
    );
    expect(() => pipeline.addTask('x', { task: TaskReference.fromName('t'), name: 'Bad' })).toThrow(/\[NAME-PT\] spec\.tasks\[Bad\]\.name: pipeline task name must be a DNS-1123 label/);
  });

  it('supports finally tasks, when expressions, matrix, retries and pipeline results', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    const platforms = pipeline.addParam('platforms', { type: 'array', default: ['linux/amd64', 'linux/arm64'] });
    const remote = TaskReference.fromResolver(
      Resolvers.git({ url: 'https://example.com/tasks.git', revision: 'b'.repeat(40), pathInRepo: 'build.yaml' }),
      { results: ['IMAGE_DIGEST'] },
    );
    const build = pipeline.addTask('build', { task: remote, matrix: { params: { PLATFORM: [platforms.items()] } }, retries: 1, timeout: '20m' });
    const report = pipeline.addFinally('report', {
      task: TaskReference.fromName('report'),
      params: { STATUS: build.status },
      when: [{ input: build.status, operator: 'notin', values: ['Succeeded'] }],
    });
    pipeline.addResult('DIGEST', { value: build.result('IMAGE_DIGEST') });
    expect(() => pipeline.addFinally('r2', { task: TaskReference.fromName('x'), runAfter: [build] })).toThrowError(/\[FIN-1\] spec\.finally\[r2\]\.runAfter: finally tasks cannot use runAfter/);
    expect(() => pipeline.addTask('z', { task: TaskReference.fromName('x'), onError: 'continue', retries: 2 })).toThrowError(/\[PT-9\] spec\.tasks\[z\]\.onError: onError "continue" cannot be combined with retries/);
    expect(() => pipeline.addTask('h', { task: TaskReference.fromName('x'), retries: 1.5 })).toThrowError(/^test\/p: pipeline task 'h': retries must be a whole number ≥ 0, got 1\.5$/);
    expect(() => pipeline.addResult('bad', { value: 'literal' })).toThrowError(/\[PRES-1\] spec\.results\[bad\]\.value: pipeline result value must contain a task result reference/);
    expect(report.result('x').expression).toBe('$(finally.report.results.x)');
    const spec = pipeline.toJson().spec;
    expect(spec.tasks[0].matrix).toEqual({ params: [{ name: 'PLATFORM', value: ['$(params.platforms[*])'] }] });
    expect(spec.tasks[0].taskRef.resolver).toBe('git');
    expect(spec.finally[0]).toEqual({
      name: 'report',
      params: [{ name: 'STATUS', value: '$(tasks.build.status)' }],
      taskRef: { kind: 'Task', name: 'report' },
      when: [{ input: '$(tasks.build.status)', operator: 'notin', values: ['Succeeded'] }],
    });
    expect(spec.results).toEqual([{ name: 'DIGEST', type: 'string', value: '$(tasks.build.results.IMAGE_DIGEST)' }]);
  });

  it('embeds inline task specs', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    const inline = TaskReference.fromSpec({ results: [{ name: 'out' }], steps: [{ name: 's', image: 'i@sha256:1', script: 'true' }] });
    const t = pipeline.addTask('inline', { task: inline });
    expect(t.result('out').expression).toBe('$(tasks.inline.results.out)');
    expect(pipeline.toJson().spec.tasks[0].taskSpec).toEqual({
      results: [{ name: 'out', type: 'string' }],
      steps: [{ name: 's', image: 'i@sha256:1', script: 'true' }],
    });
    expect(() => t.result('x')).toThrow(TektonConstructError);
  });
});
