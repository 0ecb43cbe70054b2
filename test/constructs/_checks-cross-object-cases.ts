import { Testing } from 'cdk8s';
import { PipelineRun, TaskReference, TaskRun } from '../../src/constructs/index.js';
import { WorkspaceSources } from '../../src/tekton/index.js';
import { task, pipeline, stepAction, newTask, newPipeline, newStepAction, buildTask, buildYaml, pipelineWithWorkspaces, workspacesYaml, pipelineRun, taskRun, uses, type Case } from './_checks-fixtures.js';

/** Mistakes that involve two objects (a pipeline task and its Task, a run and what it runs). */
export const CROSS_OBJECT_CASES: readonly Case[] = [
  {
    rule: 'PT-11',
    mistake: 'a pipeline task that does not pass a required param',
    construct: () => newPipeline().addTask('b', { task: buildTask(), workspaces: { source: 'ws' } }),
    yaml: [buildYaml, pipeline({ workspaces: [{ name: 'ws' }], tasks: [uses({ workspaces: [{ name: 'source', workspace: 'ws' }] })] })],
  },
  {
    rule: 'WS-7',
    mistake: 'a pipeline task that does not bind a required workspace',
    construct: () => newPipeline().addTask('b', { task: buildTask(), params: { IMAGE: 'x' } }),
    yaml: [buildYaml, pipeline({ tasks: [uses({ params: [{ name: 'IMAGE', value: 'x' }] })] })],
  },
  {
    rule: 'WS-7',
    mistake: 'a pipeline task that binds a workspace its Task does not declare',
    construct: () => {
      const { p, ws } = pipelineWithWorkspaces();
      p.addTask('b', { task: buildTask(), params: { IMAGE: 'x' }, workspaces: { source: ws, extra: ws } });
    },
    yaml: [buildYaml, pipeline({ workspaces: workspacesYaml, tasks: [uses({ params: [{ name: 'IMAGE', value: 'x' }], workspaces: [{ name: 'source', workspace: 'ws' }, { name: 'extra', workspace: 'ws' }] })] })],
  },
  {
    rule: 'WS-4',
    mistake: 'a pipeline task that binds a pipeline workspace the Pipeline does not declare',
    construct: () => newPipeline().addTask('b', { task: buildTask(), params: { IMAGE: 'x' }, workspaces: { source: 'nope' } }),
    yaml: [buildYaml, pipeline({ tasks: [uses({ params: [{ name: 'IMAGE', value: 'x' }], workspaces: [{ name: 'source', workspace: 'nope' }] })] })],
  },
  {
    rule: 'WS-9',
    mistake: 'an optional pipeline workspace that feeds a required task workspace',
    construct: () => {
      const { p, opt } = pipelineWithWorkspaces();
      p.addTask('b', { task: buildTask(), params: { IMAGE: 'x' }, workspaces: { source: opt } });
    },
    yaml: [buildYaml, pipeline({ workspaces: workspacesYaml, tasks: [uses({ params: [{ name: 'IMAGE', value: 'x' }], workspaces: [{ name: 'source', workspace: 'opt' }] })] })],
  },
  {
    rule: 'DAG-2',
    mistake: 'a param that uses results of a task the Pipeline does not have',
    construct: () => newPipeline().addTask('b', { task: TaskReference.fromName('t'), params: { IMAGE: '$(tasks.later.results.X)' } }),
    yaml: pipeline({ tasks: [{ name: 'b', taskRef: { name: 't' }, params: [{ name: 'IMAGE', value: '$(tasks.later.results.X)' }] }] }),
  },
  {
    rule: 'PT-7',
    mistake: 'a param that uses a pipeline param the Pipeline does not declare',
    construct: () => newPipeline().addTask('b', { task: TaskReference.fromName('t'), params: { IMAGE: '$(params.IMAGE)' } }),
    yaml: pipeline({ tasks: [{ name: 'b', taskRef: { name: 't' }, params: [{ name: 'IMAGE', value: '$(params.IMAGE)' }] }] }),
  },
  {
    rule: 'RUN-14',
    mistake: 'a PipelineRun that does not pass a required param',
    construct: () => {
      const p = newPipeline();
      p.addParam('IMAGE');
      new PipelineRun(Testing.chart(), 'run', { pipeline: p });
    },
    yaml: [
      pipeline({ params: [{ name: 'IMAGE', type: 'string' }] }),
      { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'run' }, spec: { pipelineRef: { name: 'p' } } },
    ],
  },
  {
    rule: 'SA-7',
    mistake: 'a step that does not pass a param its StepAction requires',
    construct: () => {
      const sa = newStepAction();
      sa.addParam('url');
      newTask().addStep({ name: 'run', action: sa });
    },
    yaml: [stepAction({ params: [{ name: 'url', type: 'string' }] }), task({ steps: [{ name: 'run', ref: { name: 'sa' } }] })],
  },
  {
    rule: 'PT-13',
    mistake: 'a pipeline task that passes a param its Task does not declare',
    construct: () => newPipeline().addTask('b', { task: buildTask(), params: { IMAGE: 'x', OTHER: 'y' }, workspaces: { source: 'ws' } }),
    yaml: [buildYaml, pipeline({ tasks: [uses({ params: [{ name: 'IMAGE', value: 'x' }, { name: 'OTHER', value: 'y' }] })] })],
  },
  {
    rule: 'SA-7',
    mistake: 'a step that passes a param its StepAction does not declare',
    construct: () => newTask().addStep({ name: 'run', action: newStepAction(), params: { url: 'u' } }),
    yaml: [stepAction({}), task({ steps: [{ name: 'run', ref: { name: 'sa' }, params: [{ name: 'url', value: 'u' }] }] })],
  },
  {
    rule: 'RUN-3',
    mistake: 'a PipelineRun param that uses a task result',
    construct: () => {
      const p = newPipeline();
      p.addParam('IMAGE');
      new PipelineRun(Testing.chart(), 'run', { pipeline: p, params: { IMAGE: '$(tasks.a.results.b)' } });
    },
    yaml: [pipeline({ params: [{ name: 'IMAGE', type: 'string' }] }), pipelineRun({ params: [{ name: 'IMAGE', value: '$(tasks.a.results.b)' }] })],
  },
  {
    rule: 'WS-5',
    mistake: 'a run workspace binding with two volume sources',
    construct: () => {
      const { p } = pipelineWithWorkspaces();
      new PipelineRun(Testing.chart(), 'run', { pipeline: p, workspaces: { ws: { emptyDir: {}, secret: { secretName: 's' } } } });
    },
    yaml: [pipeline({ workspaces: workspacesYaml }), pipelineRun({ workspaces: [{ name: 'ws', emptyDir: {}, secret: { secretName: 's' } }] })],
  },
  {
    rule: 'WS-8',
    mistake: 'a PipelineRun that does not bind a required workspace',
    construct: () => new PipelineRun(Testing.chart(), 'run', { pipeline: pipelineWithWorkspaces().p }),
    yaml: [pipeline({ workspaces: workspacesYaml }), pipelineRun({})],
  },
  {
    rule: 'WS-8',
    mistake: 'a PipelineRun that binds a workspace its Pipeline does not declare',
    construct: () => {
      const { p } = pipelineWithWorkspaces();
      new PipelineRun(Testing.chart(), 'run', { pipeline: p, workspaces: { ws: WorkspaceSources.emptyDir(), other: WorkspaceSources.emptyDir() } });
    },
    yaml: [pipeline({ workspaces: workspacesYaml }), pipelineRun({ workspaces: [{ name: 'ws', emptyDir: {} }, { name: 'other', emptyDir: {} }] })],
  },
  {
    rule: 'WS-7',
    mistake: 'a TaskRun that does not bind a required workspace',
    construct: () => new TaskRun(Testing.chart(), 'run', { task: buildTask(), params: { IMAGE: 'x' } }),
    yaml: [buildYaml, taskRun({ params: [{ name: 'IMAGE', value: 'x' }] })],
  },
  {
    rule: 'WS-7',
    mistake: 'a TaskRun that binds a workspace its Task does not declare',
    construct: () => {
      const workspaces = { source: WorkspaceSources.emptyDir(), other: WorkspaceSources.emptyDir() };
      new TaskRun(Testing.chart(), 'run', { task: buildTask(), params: { IMAGE: 'x' }, workspaces });
    },
    yaml: [buildYaml, taskRun({ params: [{ name: 'IMAGE', value: 'x' }], workspaces: [{ name: 'source', emptyDir: {} }, { name: 'other', emptyDir: {} }] })],
  },
];
