import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Pipeline, PipelineRun, StepAction, Task, TaskReference, TaskRun, TektonConstructError } from '../../src/constructs/index.js';
import { WorkspaceSources } from '../../src/tekton/index.js';
import { lintSources } from '../../src/lint/index.js';
import { formatIssue, type ValidationIssue } from '../../src/tekton/validation/index.js';

// The construct-time checks (src/constructs/_checks.ts) call the validator's rules: each mistake below, made with a
// construct, throws the issue `signet lint` reports for the same mistake in YAML (rule id, path, message, fix).

const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;
const STEP = { name: 'run', image: IMAGE, script: 'true' };

/** The issue the construct call throws (and checks that its message is the issue's one line). */
function thrown(make: () => void): ValidationIssue {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(TektonConstructError);
    const { issue, message } = error as TektonConstructError;
    expect(issue).toBeDefined();
    expect(message.endsWith(`: ${formatIssue(issue!)}`)).toBe(true);
    return issue!;
  }
  throw new Error('the construct accepted the mistake');
}

/** What `signet lint` reports for a manifest, or for several in one file (references between them resolved). */
function linted(manifest: Record<string, unknown> | readonly Record<string, unknown>[]): ValidationIssue[] {
  const docs = Array.isArray(manifest) ? manifest : [manifest];
  return lintSources([{ file: 'x.yaml', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }]).findings.map((f) => f.issue);
}

const task = (spec: Record<string, unknown>, name = 't'): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name },
  spec: { steps: [STEP], ...spec },
});
const pipeline = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'p' },
  spec: { tasks: [{ name: 'a', taskRef: { name: 't' } }], ...spec },
});
const stepAction = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1beta1',
  kind: 'StepAction',
  metadata: { name: 'sa' },
  spec: { image: IMAGE, script: 'true', ...spec },
});

const newTask = (): Task => new Task(Testing.chart(), 't');
const newPipeline = (): Pipeline => {
  const p = new Pipeline(Testing.chart(), 'p');
  p.addTask('a', { task: TaskReference.fromName('t') });
  return p;
};
const newStepAction = (): StepAction => new StepAction(Testing.chart(), 'sa', { image: IMAGE, script: 'true' });

/** Makes one object with `make`, then calls `add` on it twice: the second call repeats a name. */
function twice<T>(make: () => T, add: (o: T) => unknown): () => void {
  return () => {
    const o = make();
    add(o);
    add(o);
  };
}

/** A Task construct `build` with a required param IMAGE and a required workspace `source`. */
const buildTask = (): Task => {
  const t = new Task(Testing.chart(), 'build');
  t.addParam('IMAGE');
  t.addWorkspace('source');
  t.addStep(STEP);
  return t;
};
const buildYaml = task({ params: [{ name: 'IMAGE', type: 'string' }], workspaces: [{ name: 'source' }] }, 'build');
/** A Pipeline construct `p` with the workspaces `ws` and, optional, `opt`. */
const pipelineWithWorkspaces = (): { p: Pipeline; ws: ReturnType<Pipeline['addWorkspace']>; opt: ReturnType<Pipeline['addWorkspace']> } => {
  const p = newPipeline();
  return { p, ws: p.addWorkspace('ws'), opt: p.addWorkspace('opt', { optional: true }) };
};
const workspacesYaml = [{ name: 'ws' }, { name: 'opt', optional: true }];
const pipelineRun = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { name: 'run' },
  spec: { pipelineRef: { name: 'p' }, ...spec },
});
const taskRun = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'TaskRun',
  metadata: { name: 'run' },
  spec: { taskRef: { name: 'build' }, ...spec },
});
const uses = (extra: Record<string, unknown>): Record<string, unknown> => ({ name: 'b', taskRef: { name: 'build' }, ...extra });

interface Case {
  readonly rule: string;
  readonly mistake: string;
  readonly construct: () => void;
  readonly yaml: Record<string, unknown> | readonly Record<string, unknown>[];
}

const CASES: readonly Case[] = [
  {
    rule: 'META-1',
    mistake: 'an object name that is not a DNS-1123 subdomain',
    construct: () => new Task(Testing.chart(), 'x', { metadata: { name: 'Bad_Name' } }),
    yaml: task({}, 'Bad_Name'),
  },
  {
    rule: 'NAME-PT',
    mistake: 'a pipeline task name that is not a DNS-1123 label',
    construct: () => newPipeline().addTask('x', { task: TaskReference.fromName('t'), name: 'Bad' }),
    yaml: pipeline({ tasks: [{ name: 'Bad', taskRef: { name: 't' } }] }),
  },
  {
    rule: 'DAG-1',
    mistake: 'a pipeline task name used in tasks and finally',
    construct: () => newPipeline().addFinally('a', { task: TaskReference.fromName('t') }),
    yaml: pipeline({ finally: [{ name: 'a', taskRef: { name: 't' } }] }),
  },
  {
    rule: 'NAME-STEP',
    mistake: 'a step name that is not a DNS-1123 label',
    construct: () => newTask().addStep({ ...STEP, name: 'Bad_Name' }),
    yaml: task({ steps: [{ ...STEP, name: 'Bad_Name' }] }),
  },
  {
    rule: 'STEP-1',
    mistake: 'two steps of one name',
    construct: twice(newTask, (t) => t.addStep(STEP)),
    yaml: task({ steps: [STEP, STEP] }),
  },
  {
    rule: 'NAME-SC',
    mistake: 'the reserved sidecar name',
    construct: () => newTask().addSidecar({ name: 'tekton-log-results', image: IMAGE }),
    yaml: task({ sidecars: [{ name: 'tekton-log-results', image: IMAGE }] }),
  },
  {
    rule: 'T-12',
    mistake: 'a sidecar name that is not a DNS-1123 label',
    construct: () => newTask().addSidecar({ name: 'Proxy', image: IMAGE }),
    yaml: task({ sidecars: [{ name: 'Proxy', image: IMAGE }] }),
  },
  {
    rule: 'T-12',
    mistake: 'a sidecar named like a step',
    construct: () => {
      const t = newTask();
      t.addStep(STEP);
      t.addSidecar({ name: 'run', image: IMAGE });
    },
    yaml: task({ sidecars: [{ name: 'run', image: IMAGE }] }),
  },
  {
    rule: 'T-12',
    mistake: 'two sidecars of one name',
    construct: twice(newTask, (t) => t.addSidecar({ name: 'proxy', image: IMAGE })),
    yaml: task({ sidecars: [{ name: 'proxy', image: IMAGE }, { name: 'proxy', image: IMAGE }] }),
  },
  {
    rule: 'T-2',
    mistake: 'two volumes of one name',
    construct: twice(newTask, (t) => t.addVolume({ name: 'cache', emptyDir: {} })),
    yaml: task({ volumes: [{ name: 'cache', emptyDir: {} }, { name: 'cache', emptyDir: {} }] }),
  },
  {
    rule: 'P-5',
    mistake: 'a Task param name that starts with a digit',
    construct: () => newTask().addParam('1x'),
    yaml: task({ params: [{ name: '1x', type: 'string' }] }),
  },
  {
    rule: 'P-5',
    mistake: 'an object param key with a dot',
    construct: () => newTask().addParam('o', { type: 'object', properties: ['a.b'] }),
    yaml: task({ params: [{ name: 'o', type: 'object', properties: { 'a.b': { type: 'string' } } }] }),
  },
  {
    rule: 'P-5',
    mistake: 'a Pipeline param name that starts with a digit',
    construct: () => newPipeline().addParam('1x'),
    yaml: pipeline({ params: [{ name: '1x', type: 'string' }] }),
  },
  {
    rule: 'P-5',
    mistake: 'a StepAction param name that starts with a digit',
    construct: () => newStepAction().addParam('1x'),
    yaml: stepAction({ params: [{ name: '1x', type: 'string' }] }),
  },
  {
    rule: 'P-4',
    mistake: 'two Task params of one name',
    construct: twice(newTask, (t) => t.addParam('url')),
    yaml: task({ params: [{ name: 'url', type: 'string' }, { name: 'url', type: 'string' }] }),
  },
  {
    rule: 'P-4',
    mistake: 'two Pipeline params whose names differ only in case',
    construct: () => {
      const p = newPipeline();
      p.addParam('url');
      p.addParam('URL');
    },
    yaml: pipeline({ params: [{ name: 'url', type: 'string' }, { name: 'URL', type: 'string' }] }),
  },
  {
    rule: 'P-4',
    mistake: 'two StepAction params of one name',
    construct: twice(newStepAction, (sa) => sa.addParam('url')),
    yaml: stepAction({ params: [{ name: 'url', type: 'string' }, { name: 'url', type: 'string' }] }),
  },
  {
    rule: 'RES-1',
    mistake: 'a Task result name with a space',
    construct: () => newTask().addResult('bad name'),
    yaml: task({ results: [{ name: 'bad name', type: 'string' }] }),
  },
  {
    rule: 'T-11',
    mistake: 'two Task results of one name',
    construct: twice(newTask, (t) => t.addResult('digest')),
    yaml: task({ results: [{ name: 'digest', type: 'string' }, { name: 'digest', type: 'string' }] }),
  },
  {
    rule: 'RES-1',
    mistake: 'a StepAction result name with a space',
    construct: () => newStepAction().addResult({ name: 'bad name' }),
    yaml: stepAction({ results: [{ name: 'bad name', type: 'string' }] }),
  },
  {
    rule: 'T-11',
    mistake: 'two StepAction results of one name',
    construct: twice(newStepAction, (sa) => sa.addResult({ name: 'digest' })),
    yaml: stepAction({ results: [{ name: 'digest', type: 'string' }, { name: 'digest', type: 'string' }] }),
  },
  {
    rule: 'PRES-4',
    mistake: 'a Pipeline result name with a space',
    construct: () => newPipeline().addResult('bad name', { value: '$(tasks.a.results.r)' }),
    yaml: pipeline({ results: [{ name: 'bad name', value: '$(tasks.a.results.r)' }] }),
  },
  {
    rule: 'PRES-4',
    mistake: 'two Pipeline results of one name',
    construct: twice(newPipeline, (p) => p.addResult('r', { value: '$(tasks.a.results.r)' })),
    yaml: pipeline({ results: [{ name: 'r', value: '$(tasks.a.results.r)' }, { name: 'r', value: '$(tasks.a.results.r)' }] }),
  },
  {
    rule: 'WS-1',
    mistake: 'two Task workspaces of one name',
    construct: twice(newTask, (t) => t.addWorkspace('source')),
    yaml: task({ workspaces: [{ name: 'source' }, { name: 'source', mountPath: '/other' }] }),
  },
  {
    rule: 'WS-3',
    mistake: 'two Pipeline workspaces of one name',
    construct: twice(newPipeline, (p) => p.addWorkspace('source')),
    yaml: pipeline({ workspaces: [{ name: 'source' }, { name: 'source' }] }),
  },
  {
    rule: 'WS-3',
    mistake: 'a Pipeline workspace without a name',
    construct: () => newPipeline().addWorkspace(''),
    yaml: pipeline({ workspaces: [{ name: '' }] }),
  },
  {
    rule: 'STEP-2',
    mistake: 'an inline step without image',
    construct: () => newTask().addStep({ name: 'run', script: 'true' }),
    yaml: task({ steps: [{ name: 'run', script: 'true' }] }),
  },
  {
    rule: 'STEP-3',
    mistake: 'params on an inline step',
    construct: () => newTask().addStep({ ...STEP, params: { a: 'b' } }),
    yaml: task({ steps: [{ ...STEP, params: [{ name: 'a', value: 'b' }] }] }),
  },
  {
    rule: 'STEP-4',
    mistake: 'a step with script and command',
    construct: () => newTask().addStep({ ...STEP, command: ['sh'] }),
    yaml: task({ steps: [{ ...STEP, command: ['sh'] }] }),
  },
  {
    rule: 'STEP-5',
    mistake: 'a step that runs a StepAction and sets an image',
    construct: () => newTask().addStep({ name: 'run', action: newStepAction(), image: IMAGE }),
    yaml: task({ steps: [{ name: 'run', ref: { name: 'sa' }, image: IMAGE }] }),
  },
  {
    rule: 'T-13',
    mistake: 'a param interpolated into a script',
    construct: () => newTask().addStep({ ...STEP, script: 'echo $(params.x)' }),
    yaml: task({ params: [{ name: 'x', type: 'string' }], steps: [{ ...STEP, script: 'echo $(params.x)' }] }),
  },
  {
    rule: 'SC-2',
    mistake: 'a sidecar with script and command',
    construct: () => newTask().addSidecar({ name: 'proxy', image: IMAGE, script: 'true', command: ['sh'] }),
    yaml: task({ sidecars: [{ name: 'proxy', image: IMAGE, script: 'true', command: ['sh'] }] }),
  },
  {
    rule: 'RES-3',
    mistake: 'an object result without properties',
    construct: () => newTask().addResult('obj', { type: 'object' }),
    yaml: task({ results: [{ name: 'obj', type: 'object' }] }),
  },
  {
    rule: 'P-2',
    mistake: 'an array param with a string default',
    construct: () => newTask().addParam('list', { type: 'array', default: 'x' } as never),
    yaml: task({ params: [{ name: 'list', type: 'array', default: 'x' }] }),
  },
  {
    rule: 'P-3',
    mistake: 'an object param without properties',
    construct: () => newPipeline().addParam('obj', { type: 'object', properties: [] }),
    yaml: pipeline({ params: [{ name: 'obj', type: 'object' }] }),
  },
  {
    rule: 'P-6',
    mistake: 'a default outside the enum',
    construct: () => newStepAction().addParam('mode', { default: 'x', enum: ['a', 'b'] }),
    yaml: stepAction({ params: [{ name: 'mode', type: 'string', default: 'x', enum: ['a', 'b'] }] }),
  },
  {
    rule: 'SA-2',
    mistake: 'a StepAction with script and command',
    construct: () => new StepAction(Testing.chart(), 'sa', { image: IMAGE, script: 'true', command: ['sh'] }),
    yaml: stepAction({ command: ['sh'] }),
  },
  {
    rule: 'SA-3',
    mistake: 'a StepAction script that uses a param',
    construct: () => new StepAction(Testing.chart(), 'sa', { image: IMAGE, script: 'echo $(params.x)', params: [{ name: 'x' }] }),
    yaml: stepAction({ script: 'echo $(params.x)', params: [{ name: 'x', type: 'string' }] }),
  },
  {
    rule: 'PRES-1',
    mistake: 'a Pipeline result that references no task result',
    construct: () => newPipeline().addResult('r', { value: 'literal' }),
    yaml: pipeline({ results: [{ name: 'r', value: 'literal' }] }),
  },
  {
    rule: 'PRES-2',
    mistake: 'a Pipeline result that references a task the Pipeline does not have',
    construct: () => newPipeline().addResult('r', { value: '$(tasks.nope.results.r)' }),
    yaml: pipeline({ results: [{ name: 'r', value: '$(tasks.nope.results.r)' }] }),
  },
  {
    rule: 'FIN-1',
    mistake: 'a finally task with runAfter',
    construct: () => {
      const p = newPipeline();
      p.addFinally('b', { task: TaskReference.fromName('t'), runAfter: [p.tasks[0]!] });
    },
    yaml: pipeline({ finally: [{ name: 'b', taskRef: { name: 't' }, runAfter: ['a'] }] }),
  },
  {
    rule: 'PT-9',
    mistake: 'onError continue with retries',
    construct: () => newPipeline().addTask('b', { task: TaskReference.fromName('t'), onError: 'continue', retries: 2 }),
    yaml: pipeline({ tasks: [{ name: 'a', taskRef: { name: 't' } }, { name: 'b', taskRef: { name: 't' }, onError: 'continue', retries: 2 }] }),
  },
  {
    rule: 'PT-14',
    mistake: 'negative retries',
    construct: () => newPipeline().addTask('b', { task: TaskReference.fromName('t'), retries: -1 }),
    yaml: pipeline({ tasks: [{ name: 'a', taskRef: { name: 't' } }, { name: 'b', taskRef: { name: 't' }, retries: -1 }] }),
  },
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

describe('construct-time checks word mistakes as the validator does', () => {
  it.each(CASES)('$rule: $mistake', ({ rule, construct, yaml }) => {
    const issue = thrown(construct);
    expect(issue.ruleId).toBe(rule);
    expect(linted(yaml)).toContainEqual(issue);
  });

  it('covers every rule the checks ask', () => {
    const names = ['META-1', 'NAME-PT', 'DAG-1', 'NAME-STEP', 'STEP-1', 'NAME-SC', 'T-12', 'T-2', 'P-5', 'P-4', 'RES-1', 'T-11', 'PRES-4', 'WS-1', 'WS-3'];
    const others = ['STEP-2', 'STEP-3', 'STEP-4', 'STEP-5', 'T-13', 'SC-2', 'RES-3', 'P-2', 'P-3', 'P-6', 'SA-2', 'SA-3', 'PRES-1', 'PRES-2', 'FIN-1', 'PT-9', 'PT-14'];
    const crossObject = ['PT-11', 'WS-7', 'WS-4', 'WS-9', 'DAG-2', 'PT-7', 'RUN-14', 'SA-7', 'RUN-3', 'WS-5', 'WS-8', 'PT-13'];
    const asked = [...names, ...others, ...crossObject];
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(asked));
  });

  it('throws INVALID_NAME for a malformed name and DUPLICATE_NAME for a name already taken', () => {
    const t = newTask();
    t.addStep(STEP);
    expect(() => t.addStep({ ...STEP, name: 'Bad' })).toThrowError(expect.objectContaining({ code: 'INVALID_NAME' }));
    expect(() => t.addStep(STEP)).toThrowError(expect.objectContaining({ code: 'DUPLICATE_NAME' }));
  });
});
