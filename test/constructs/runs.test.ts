import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Pipeline, PipelineReference, PipelineRun, TaskReference, TaskRun } from '../../src/constructs/index.js';
import { Resolvers, WorkspaceSources } from '../../src/tekton/index.js';
import { buildTask } from './_fixtures.js';

describe('PipelineRun', () => {
  it('references a Pipeline construct and moves service account and pod template to taskRunTemplate', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'build-and-sign');
    pipeline.addParam('IMAGE');
    pipeline.addWorkspace('source');
    const run = new PipelineRun(chart, 'run', {
      metadata: { generateName: 'build-and-sign-' },
      pipeline,
      params: { IMAGE: 'registry.example.com/app:1' },
      workspaces: { source: WorkspaceSources.volumeClaimTemplate({ storage: '1Gi' }) },
      serviceAccountName: 'builder',
      podTemplate: { securityContext: { fsGroup: 65532 } },
      timeouts: { pipeline: '1h' },
    });
    const json = run.toJson();
    expect(json.metadata).toEqual({ generateName: 'build-and-sign-' });
    expect(json.spec).toEqual({
      pipelineRef: { name: 'build-and-sign' },
      params: [{ name: 'IMAGE', value: 'registry.example.com/app:1' }],
      workspaces: [{ name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } }],
      taskRunTemplate: { serviceAccountName: 'builder', podTemplate: { securityContext: { fsGroup: 65532 } } },
      timeouts: { pipeline: '1h' },
    });
  });

  it('throws on missing or unknown params and workspaces, and on task results in params', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p');
    pipeline.addParam('IMAGE');
    pipeline.addWorkspace('source');
    const ws = { source: WorkspaceSources.emptyDir() };
    expect(() => new PipelineRun(chart, 'a', { pipeline, workspaces: ws })).toThrowError(/\[RUN-14\] spec\.params: param "IMAGE" is required by the Pipeline but not passed/);
    expect(() => new PipelineRun(chart, 'b', { pipeline, params: { IMAGE: 'x' } })).toThrowError(/^test\/b: \[WS-8\] spec\.workspaces: pipeline workspace "source" is required but has not been bound/);
    expect(() => new PipelineRun(chart, 'c', { pipeline, params: { IMAGE: 'x' }, workspaces: { ...ws, other: WorkspaceSources.emptyDir() } })).toThrowError(
      /^test\/c: \[WS-8\] spec\.workspaces\[other\]: binding "other" does not match any pipeline workspace and is ignored/,
    );
    expect(() => new PipelineRun(chart, 'd', { pipeline, params: { IMAGE: '$(tasks.a.results.b)' }, workspaces: ws })).toThrowError(
      /^test\/d: \[RUN-3\] spec\.params\[IMAGE\]\.value: params of a PipelineRun cannot use task results/,
    );
    expect(() => new PipelineRun(chart, 'e', { pipeline, params: { IMAGE: 'x' }, workspaces: { source: { emptyDir: {}, secret: { secretName: 's' } } } })).toThrowError(
      /^test\/e: \[WS-5\] spec\.workspaces\[source\]: workspace binding has more than one volume source: emptyDir, secret/,
    );
  });

  it('runs external pipelines by name or resolver without checks', () => {
    const chart = Testing.chart();
    const byName = new PipelineRun(chart, 'a', { pipeline: PipelineReference.fromName('remote'), params: { anything: 'x' } });
    const byResolver = new PipelineRun(chart, 'b', {
      pipeline: PipelineReference.fromResolver(Resolvers.cluster({ name: 'shared', kind: 'pipeline', namespace: 'ci' })),
    });
    expect(byName.toJson().spec.pipelineRef).toEqual({ name: 'remote' });
    expect(byResolver.toJson().spec.pipelineRef.resolver).toBe('cluster');
  });
});

describe('TaskRun', () => {
  it('references a Task construct and binds workspaces', () => {
    const chart = Testing.chart();
    const task = buildTask(chart);
    const run = new TaskRun(chart, 'run', {
      task,
      params: { IMAGE: 'r/app:1' },
      workspaces: { source: { ...WorkspaceSources.persistentVolumeClaim('src'), subPath: 'app' } },
      timeout: '30m',
    });
    expect(run.toJson().spec).toEqual({
      taskRef: { kind: 'Task', name: 'build' },
      params: [{ name: 'IMAGE', value: 'r/app:1' }],
      workspaces: [{ name: 'source', subPath: 'app', persistentVolumeClaim: { claimName: 'src' } }],
      timeout: '30m',
    });
    expect(() => new TaskRun(chart, 'bad', { task, workspaces: { source: WorkspaceSources.emptyDir() } })).toThrowError(/\[RUN-14\] spec\.params: param "IMAGE" is required by the Task but not passed/);
  });

  it('embeds an inline spec', () => {
    const chart = Testing.chart();
    const run = new TaskRun(chart, 'inline', { task: TaskReference.fromSpec({ steps: [{ name: 's', image: 'i@sha256:1', script: 'true' }] }) });
    expect(run.toJson().spec).toEqual({ taskSpec: { steps: [{ name: 's', image: 'i@sha256:1', script: 'true' }] } });
  });
});
