import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { StepAction, Task, TaskReference } from '../../src/constructs/index.js';
import { CROSS_OBJECT_CASES } from './_checks-cross-object-cases.js';
import { IMAGE, STEP, task, pipeline, stepAction, newTask, newPipeline, newStepAction, twice, linted, thrown, type Case } from './_checks-fixtures.js';

// The construct-time checks (src/constructs/_checks.ts) call the validator's rules: each mistake below, made with a
// construct, throws the issue `signet lint` reports for the same mistake in YAML (rule id, path, message, fix).

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
  ...CROSS_OBJECT_CASES,
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
