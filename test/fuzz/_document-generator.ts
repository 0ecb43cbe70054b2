/**
 * Seeded random Tekton documents for the differential test against Tekton's webhook: the manifests
 * of a random construct program (test/fuzz/_program-generator.ts), plus TaskRuns and PipelineRuns
 * built around them, each broken by at most one mutation that targets one webhook rule (an unknown
 * field, a wrong type, a bad name, a duplicate, an undeclared reference…). Same seed, same documents.
 */
import { ApiObject, App, Chart } from 'cdk8s';

import { buildRandomProgram, Dice, seededRandom } from './_program-generator.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One generated document and what was done to it. */
export interface GeneratedDoc {
  readonly doc: Json;
  /** The rule the mutation targets, or `none` for an untouched document. */
  readonly rule: string;
  /** What the mutation did. */
  readonly what: string;
  readonly seed: number;
  /** The config it is judged under, as signet's `featureFlags` (feature-flags and config-defaults keys). */
  readonly featureFlags: Readonly<Record<string, string>>;
}

const IMAGE = `docker.io/library/alpine@sha256:${'c'.repeat(64)}`;

/** A mutation: the rule it targets, the kinds it applies to, and the change (false when it cannot apply). */
interface Mutation {
  readonly rule: string;
  readonly what: string;
  readonly kinds: readonly string[];
  readonly apply: (doc: Json, d: Dice) => boolean;
}

/** The task spec inside a document (Task, or a TaskRun's inline taskSpec). */
const taskSpecOf = (doc: Json): Json | undefined => (doc.kind === 'Task' ? doc.spec : doc.spec?.taskSpec);
/** The pipeline spec inside a document (Pipeline, or a PipelineRun's inline pipelineSpec). */
const pipelineSpecOf = (doc: Json): Json | undefined => (doc.kind === 'Pipeline' ? doc.spec : doc.spec?.pipelineSpec);

const TASKISH = ['Task', 'TaskRun'];
const PIPELINEISH = ['Pipeline', 'PipelineRun'];
const RUNS = ['TaskRun', 'PipelineRun'];
const ALL = ['Task', 'Pipeline', 'TaskRun', 'PipelineRun', 'StepAction'];
const ACTION = ['StepAction'];

function onStep(change: (step: Json, spec: Json, d: Dice) => boolean): (doc: Json, d: Dice) => boolean {
  return (doc, d) => {
    const spec = taskSpecOf(doc);
    const steps: Json[] = spec?.steps ?? [];
    return steps.length > 0 && change(d.pick(steps), spec as Json, d);
  };
}

function onTask(change: (pt: Json, spec: Json, d: Dice) => boolean): (doc: Json, d: Dice) => boolean {
  return (doc, d) => {
    const spec = pipelineSpecOf(doc);
    const tasks: Json[] = spec?.tasks ?? [];
    return tasks.length > 0 && change(d.pick(tasks), spec as Json, d);
  };
}

const push = (o: Json, key: string, item: unknown): boolean => {
  o[key] = [...(o[key] ?? []), item];
  return true;
};

/** Every object and field of the spec, as [parent, key] pairs (metadata is the API server's). */
function slots(node: unknown, out: Array<[Json, string | number]> = []): Array<[Json, string | number]> {
  if (Array.isArray(node)) node.forEach((v, i) => (out.push([node as unknown as Json, i]), slots(v, out)));
  else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) out.push([node as Json, k]), slots(v, out);
  return out;
}

const ODD_VALUES: readonly unknown[] = [7, 1.5, true, 'text', ['a'], { k: 'v' }, [1], {}];

/** Any field of the spec gets a value of a random JSON type (the decoder must agree on each). */
function swapType(doc: Json, d: Dice): boolean {
  const all = slots(doc.spec);
  if (all.length === 0) return false;
  const [parent, key] = d.pick(all);
  parent[key] = structuredClone(d.pick(ODD_VALUES));
  return true;
}

/** Any object of the spec gets an unknown field. */
function addUnknown(doc: Json, d: Dice): boolean {
  const objects = slots(doc.spec).map(([p, k]) => p[k]).filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (objects.length === 0) return false;
  d.pick(objects as Json[]).zzUnknown = 'x';
  return true;
}

const MUTATIONS: readonly Mutation[] = [
  { rule: 'SCH-1', what: 'a random field of another JSON type', kinds: ALL, apply: swapType },
  { rule: 'SCH-1', what: 'a random field of another JSON type', kinds: ALL, apply: swapType },
  { rule: 'SCH-3', what: 'an unknown field in a random object', kinds: ALL, apply: addUnknown },
  { rule: 'SCH-3', what: 'unknown field in spec', kinds: ALL, apply: (doc) => ((doc.spec.colour = 'blue'), true) },
  { rule: 'SCH-3', what: 'misspelt step field', kinds: TASKISH, apply: onStep((s) => ((s.scirpt = 'echo'), true)) },
  { rule: 'SCH-3', what: 'v1beta1 resources block in a v1 Task', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && ((taskSpecOf(doc)!.resources = { inputs: [] }), true) },
  { rule: 'SCH-3', what: 'unknown field in a pipeline task', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.retry = 2), true)) },
  { rule: 'SCH-3', what: 'unknown field in a param declaration', kinds: ALL, apply: (doc) => { const s = taskSpecOf(doc) ?? pipelineSpecOf(doc); return !!s && push(s, 'params', { name: 'extra', typ: 'string' }); } },
  { rule: 'SCH-3', what: 'v1beta1 timeout on a v1 PipelineRun', kinds: ['PipelineRun'], apply: (doc) => ((doc.spec.timeout = '1h'), true) },
  { rule: 'SCH-1', what: 'image is a number', kinds: TASKISH, apply: onStep((s) => ((s.image = 42), true)) },
  { rule: 'SCH-1', what: 'args is a string', kinds: TASKISH, apply: onStep((s) => ((s.args = '--flag'), true)) },
  { rule: 'SCH-1', what: 'step timeout not a duration', kinds: TASKISH, apply: onStep((s, _spec, d) => ((s.timeout = d.pick(['soon', '10', 10])), true)) },
  { rule: 'SCH-1', what: 'workspace optional as a string', kinds: TASKISH, apply: (doc) => { const s = taskSpecOf(doc); return !!s && push(s, 'workspaces', { name: 'extra-ws', optional: 'yes' }); } },
  { rule: 'SCH-1', what: 'retries as a string', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.retries = '2'), true)) },
  { rule: 'SCH-1', what: 'run timeout as a number', kinds: ['TaskRun'], apply: (doc) => ((doc.spec.timeout = 600), true) },
  { rule: 'META-1', what: 'name not a DNS subdomain', kinds: ALL, apply: (doc, d) => ((doc.metadata = { name: d.pick(['Bad_Name', 'a'.repeat(64), '-x']) }), true) },
  { rule: 'NAME-STEP', what: 'step name not a DNS label', kinds: TASKISH, apply: onStep((s) => ((s.name = 'Step One'), true)) },
  { rule: 'T-1', what: 'no steps', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && ((taskSpecOf(doc)!.steps = []), true) },
  { rule: 'STEP-1', what: 'duplicate step names', kinds: TASKISH, apply: onStep((s, spec) => push(spec, 'steps', { ...s })) },
  { rule: 'STEP-2', what: 'step without image', kinds: TASKISH, apply: onStep((s) => (delete s.image, true)) },
  { rule: 'STEP-4', what: 'script and command', kinds: TASKISH, apply: onStep((s) => ((s.script = '#!/bin/sh\necho'), (s.command = ['sh']), delete s.args, true)) },
  { rule: 'STEP-6', what: 'negative step timeout', kinds: TASKISH, apply: onStep((s) => ((s.timeout = '-1m'), true)) },
  { rule: 'STEP-7', what: 'mount under /tekton/', kinds: TASKISH, apply: onStep((s, spec) => push(spec, 'volumes', { name: 'v', emptyDir: {} }) && push(s, 'volumeMounts', { name: 'v', mountPath: '/tekton/mine' })) },
  { rule: 'STEP-8', what: 'bad onError', kinds: TASKISH, apply: onStep((s) => ((s.onError = 'ignore'), true)) },
  { rule: 'T-4', what: 'undeclared param in a Task step', kinds: ['Task'], apply: onStep((s) => push(s, 'env', { name: 'NOPE', value: '$(params.nope)' })) },
  { rule: 'T-8', what: 'unknown context variable', kinds: TASKISH, apply: onStep((s) => push(s, 'env', { name: 'CTX', value: '$(context.taskRun.labels)' })) },
  { rule: 'T-9', what: 'script writes an undeclared result', kinds: TASKISH, apply: onStep((s) => ((s.script = '#!/bin/sh\necho > $(results.undeclared.path)\n'), delete s.command, delete s.args, true)) },
  { rule: 'T-10', what: 'param reference with three dots', kinds: TASKISH, apply: onStep((s) => push(s, 'env', { name: 'DOTS', value: '$(params.a.b.c)' })) },
  { rule: 'P-1', what: 'unknown param type', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'params', { name: 'p-int', type: 'int' }) },
  { rule: 'P-2', what: 'array param with a string default', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'params', { name: 'p-arr', type: 'array', default: 'x' }) },
  { rule: 'P-2', what: 'boolean default on a string param (allowed)', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'params', { name: 'p-bool', default: true }) },
  { rule: 'P-4', what: 'duplicate param', kinds: ALL, apply: (doc) => { const s = taskSpecOf(doc) ?? pipelineSpecOf(doc); return !!s && push(s, 'params', { name: 'twice', type: 'string', default: '' }) && push(s, 'params', { name: 'twice', type: 'string', default: '' }); } },
  { rule: 'P-5', what: 'param name starting with a digit', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'params', { name: '1st', type: 'string', default: '' }) },
  { rule: 'RES-1', what: 'result name with a space', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'results', { name: 'bad name' }) },
  { rule: 'RES-2', what: 'unknown result type', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'results', { name: 'num', type: 'number' }) },
  { rule: 'WS-1', what: 'duplicate task workspace', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'workspaces', { name: 'dup-ws' }) && push(taskSpecOf(doc)!, 'workspaces', { name: 'dup-ws', mountPath: '/other' }) },
  { rule: 'WS-2', what: 'two workspaces on one mountPath', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'workspaces', { name: 'ws-a', mountPath: '/same' }) && push(taskSpecOf(doc)!, 'workspaces', { name: 'ws-b', mountPath: '/same' }) },
  { rule: 'NAME-PT', what: 'pipeline task name not a DNS label', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.name = 'Bad_Task'), true)) },
  { rule: 'DAG-1', what: 'duplicate pipeline task', kinds: PIPELINEISH, apply: onTask((pt, spec) => push(spec, 'tasks', { ...pt, runAfter: undefined })) },
  { rule: 'DAG-2', what: 'runAfter an unknown task', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'runAfter', 'no-such-task')) },
  { rule: 'DAG-3', what: 'task running after itself', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'runAfter', pt.name)) },
  { rule: 'PT-1', what: 'taskRef and taskSpec', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskSpec = { steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh' }] }), true)) },
  { rule: 'PT-1', what: 'neither taskRef nor taskSpec', kinds: PIPELINEISH, apply: onTask((pt) => (delete pt.taskRef, delete pt.taskSpec, true)) },
  { rule: 'PT-6', what: 'param passed twice', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'params', { name: 'again', value: 'a' }) && push(pt, 'params', { name: 'again', value: 'b' })) },
  { rule: 'PT-7', what: 'undeclared pipeline param', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'params', { name: 'from-nowhere', value: '$(params.nowhere)' })) },
  { rule: 'VAR-3', what: 'unknown variable root', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'params', { name: 'shell', value: '$(foo.bar)' })) },
  { rule: 'FIN-1', what: 'finally task with runAfter', kinds: PIPELINEISH, apply: onTask((pt, spec) => push(spec, 'finally', { name: 'final-x', taskRef: { name: 'x' }, runAfter: [pt.name] })) },
  { rule: 'PL-2', what: 'finally without tasks', kinds: PIPELINEISH, apply: (doc) => { const s = pipelineSpecOf(doc); return !!s && ((s.finally = [...(s.tasks ?? []), ...(s.finally ?? [])].map(({ runAfter: _r, ...t }: Json) => t)), (s.tasks = []), true); } },
  { rule: 'WS-3', what: 'duplicate pipeline workspace', kinds: PIPELINEISH, apply: (doc) => { const s = pipelineSpecOf(doc); return !!s && push(s, 'workspaces', { name: 'pws' }) && push(s, 'workspaces', { name: 'pws' }); } },
  { rule: 'WS-4', what: 'binding an undeclared pipeline workspace', kinds: ['Pipeline'], apply: onTask((pt) => push(pt, 'workspaces', { name: 'w', workspace: 'undeclared-ws' })) },
  { rule: 'WHEN-2', what: 'bad when operator', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'when', { input: 'a', operator: '==', values: ['a'] })) },
  { rule: 'WHEN-3', what: 'when without values', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'when', { input: 'a', operator: 'in', values: [] })) },
  { rule: 'PRES-1', what: 'pipeline result without a reference', kinds: PIPELINEISH, apply: (doc) => { const s = pipelineSpecOf(doc); return !!s && push(s, 'results', { name: 'CONST', value: 'constant' }); } },
  { rule: 'PRES-2', what: 'pipeline result from an unknown task', kinds: PIPELINEISH, apply: (doc) => { const s = pipelineSpecOf(doc); return !!s && push(s, 'results', { name: 'GHOST', value: '$(tasks.ghost.results.x)' }); } },
  { rule: 'PT-9', what: 'bad pipeline task onError', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.onError = 'ignore'), true)) },
  { rule: 'RUN-1', what: 'ref and spec together', kinds: RUNS, apply: (doc) => ((doc.kind === 'TaskRun' ? (doc.spec.taskRef = { name: 'x' }) : (doc.spec.pipelineRef = { name: 'x' })), true) },
  { rule: 'RUN-2', what: 'run param passed twice', kinds: RUNS, apply: (doc) => push(doc.spec, 'params', { name: 'twice', value: 'a' }) && push(doc.spec, 'params', { name: 'twice', value: 'b' }) },
  { rule: 'RUN-5', what: 'unknown run status', kinds: RUNS, apply: (doc) => ((doc.spec.status = 'Paused'), true) },
  { rule: 'RUN-6', what: 'negative retries', kinds: ['TaskRun'], apply: (doc) => ((doc.spec.retries = -1), true) },
  { rule: 'RUN-7', what: 'tasks timeout over the pipeline timeout', kinds: ['PipelineRun'], apply: (doc) => ((doc.spec.timeouts = { pipeline: '1h', tasks: '2h' }), true) },
  { rule: 'WS-5', what: 'binding with two volume sources', kinds: RUNS, apply: (doc) => push(doc.spec, 'workspaces', { name: 'two', emptyDir: {}, configMap: { name: 'c' } }) },
  { rule: 'WS-5', what: 'binding without a volume source', kinds: RUNS, apply: (doc) => push(doc.spec, 'workspaces', { name: 'none' }) },
  { rule: 'WS-6', what: 'duplicate binding', kinds: RUNS, apply: (doc) => push(doc.spec, 'workspaces', { name: 'again', emptyDir: {} }) && push(doc.spec, 'workspaces', { name: 'again', emptyDir: {} }) },
  { rule: 'RUN-3', what: 'task result in a PipelineRun param', kinds: ['PipelineRun'], apply: (doc) => push(doc.spec, 'params', { name: 'res', value: '$(tasks.a.results.b)' }) },
  { rule: 'SCH-3', what: 'field name in another case (Go matches it)', kinds: TASKISH, apply: onStep((s) => { s.Name = s.name; delete s.name; return true; }) },
  { rule: 'WHEN-1', what: 'empty when expression', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'when', {})) },
  { rule: 'WHEN-4', what: 'cel when expression', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'when', { cel: "'a' == 'a'" })) },
  { rule: 'WHEN-5', what: 'cel with input', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'when', { cel: "'a' == 'a'", input: 'a', operator: 'in', values: ['a'] })) },
  { rule: 'MX-1', what: 'a matrix', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.matrix = { params: [{ name: 'platform', value: ['linux', 'mac'] }] }), true)) },
  { rule: 'MX-2', what: 'too many matrix combinations', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.matrix = { params: [{ name: 'a', value: Array.from({ length: 17 }, (_, i) => `a${i}`) }, { name: 'b', value: Array.from({ length: 17 }, (_, i) => `b${i}`) }] }), true)) },
  { rule: 'MX-3', what: 'matrix param twice', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.matrix = { params: [{ name: 'a', value: ['1'] }, { name: 'a', value: ['2'] }] }), true)) },
  { rule: 'MX-4', what: 'param in matrix and params', kinds: PIPELINEISH, apply: onTask((pt) => push(pt, 'params', { name: 'both', value: 'x' }) && ((pt.matrix = { params: [{ name: 'both', value: ['1'] }] }), true)) },
  { rule: 'PT-8', what: 'taskRef by resolver', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskRef = { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/x.git' }, { name: 'pathInRepo', value: 't.yaml' }] }), true)) },
  { rule: 'REF-1', what: 'empty taskRef', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskRef = {}), true)) },
  { rule: 'REF-2', what: 'taskRef name with params', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskRef = { name: 'x', params: [{ name: 'a', value: 'b' }] }), true)) },
  { rule: 'REF-4', what: 'taskRef name that is a URL', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskRef = { name: 'https://example.com/task' }), true)) },
  { rule: 'REF-5', what: 'resolver param twice', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskRef = { resolver: 'hub', params: [{ name: 'name', value: 'a' }, { name: 'name', value: 'b' }] }), true)) },
  { rule: 'PT-3', what: 'taskSpec with steps and apiVersion', kinds: PIPELINEISH, apply: onTask((pt) => (delete pt.taskRef, (pt.taskSpec = { apiVersion: 'example.dev/v1', kind: 'Example', steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh' }] }), true)) },
  { rule: 'PT-4', what: 'custom task kind without apiVersion', kinds: PIPELINEISH, apply: onTask((pt) => ((pt.taskRef = { name: 'x', kind: 'Example' }), true)) },
  { rule: 'FIN-3', what: 'task status in a non-finally task', kinds: PIPELINEISH, apply: onTask((pt, spec) => push(pt, 'params', { name: 'st', value: `$(tasks.${spec.tasks[0].name}.status)` })) },
  { rule: 'VAR-4', what: 'unknown context variable in the last task', kinds: PIPELINEISH, apply: (doc) => { const s = pipelineSpecOf(doc); const last = s?.tasks?.[s.tasks.length - 1]; return !!last && push(last, 'params', { name: 'ctx', value: '$(context.pipelineRun.labels)' }); } },
  { rule: 'STEP-3', what: 'params on a step without ref', kinds: TASKISH, apply: onStep((s) => push(s, 'params', { name: 'a', value: 'b' })) },
  { rule: 'STEP-5', what: 'ref with image', kinds: TASKISH, apply: onStep((s) => ((s.ref = { name: 'some-action' }), true)) },
  { rule: 'STEP-9', what: 'step result in a script', kinds: TASKISH, apply: onStep((s) => ((s.script = '#!/bin/sh\necho $(steps.other.results.x)\n'), delete s.command, delete s.args, true)) },
  { rule: 'STEP-10', what: 'windows script', kinds: TASKISH, apply: onStep((s) => ((s.script = '#!win pwsh\nWrite-Host hi'), delete s.command, delete s.args, true)) },
  { rule: 'STEP-11', what: 'stdoutConfig', kinds: TASKISH, apply: onStep((s) => ((s.stdoutConfig = { path: '/data/out' }), true)) },
  { rule: 'STEP-13', what: 'step workspace not declared', kinds: TASKISH, apply: onStep((s) => push(s, 'workspaces', { name: 'undeclared-ws', mountPath: '/u' })) },
  { rule: 'T-6', what: 'whole object param in a step', kinds: TASKISH, apply: onStep((s, spec) => push(spec, 'params', { name: 'obj', type: 'object', properties: { k: { type: 'string' } }, default: { k: 'v' } }) && push(s, 'env', { name: 'OBJ', value: '$(params.obj)' })) },
  { rule: 'T-5', what: 'unknown object key', kinds: TASKISH, apply: onStep((s, spec) => push(spec, 'params', { name: 'obj', type: 'object', properties: { k: { type: 'string' } }, default: { k: 'v' } }) && push(s, 'env', { name: 'OBJ', value: '$(params.obj.nope)' })) },
  { rule: 'T-7', what: 'array param in an env value', kinds: TASKISH, apply: onStep((s, spec) => push(spec, 'params', { name: 'arr', type: 'array', default: ['a'] }) && push(s, 'env', { name: 'ARR', value: '$(params.arr[*])' })) },
  { rule: 'T-2', what: 'duplicate volume', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'volumes', { name: 'vol', emptyDir: {} }) && push(taskSpecOf(doc)!, 'volumes', { name: 'vol', emptyDir: {} }) },
  { rule: 'SC-1', what: 'sidecar without image', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'sidecars', { name: 'side' }) },
  { rule: 'SC-2', what: 'sidecar with script and command', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'sidecars', { name: 'side', image: IMAGE, script: '#!/bin/sh', command: ['sh'] }) },
  { rule: 'NAME-SC', what: 'reserved sidecar name', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'sidecars', { name: 'tekton-log-results', image: IMAGE }) },
  { rule: 'P-3', what: 'object param without properties', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'params', { name: 'bare-obj', type: 'object' }) },
  { rule: 'P-6', what: 'param enum', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'params', { name: 'choice', type: 'string', enum: ['a', 'b'], default: 'a' }) },
  { rule: 'RES-3', what: 'object result without properties', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'results', { name: 'objres', type: 'object' }) },
  { rule: 'RES-4', what: 'result value not a step result', kinds: TASKISH, apply: (doc) => !!taskSpecOf(doc) && push(taskSpecOf(doc)!, 'results', { name: 'constres', value: 'constant' }) },
  { rule: 'RUN-8', what: 'stepSpecs override', kinds: ['TaskRun'], apply: (doc) => push(doc.spec, 'stepSpecs', { name: 'step-0', computeResources: { limits: { cpu: '1' } } }) },
  { rule: 'RUN-10', what: 'forbidden env in the pod template', kinds: RUNS, apply: (doc) => ((doc.spec[doc.kind === 'TaskRun' ? 'podTemplate' : 'taskRunTemplate'] = doc.kind === 'TaskRun' ? { env: [{ name: 'TOKEN', value: 'x' }] } : { podTemplate: { env: [{ name: 'TOKEN', value: 'x' }] } }), true) },
  { rule: 'RUN-9', what: 'debug breakpoints', kinds: ['TaskRun'], apply: (doc) => ((doc.spec.debug = { breakpoints: { onFailure: 'enabled' } }), true) },
  { rule: 'SA-1', what: 'StepAction without image', kinds: ACTION, apply: (doc) => (delete doc.spec.image, true) },
  { rule: 'SA-2', what: 'StepAction with script and command', kinds: ACTION, apply: (doc) => ((doc.spec.command = ['sh']), true) },
  { rule: 'SA-3', what: 'param in a StepAction script', kinds: ACTION, apply: (doc) => ((doc.spec.script += 'echo $(params.msg)\n'), true) },
  { rule: 'SA-4', what: 'undeclared param in a StepAction', kinds: ACTION, apply: (doc) => push(doc.spec, 'env', { name: 'X', value: '$(params.nope)' }) },
  { rule: 'SA-5', what: 'undeclared StepAction result', kinds: ACTION, apply: (doc) => ((doc.spec.script += 'echo > $(step.results.nope.path)\n'), true) },
  { rule: 'SA-6', what: 'volumeMount name not a param', kinds: ACTION, apply: (doc) => push(doc.spec, 'volumeMounts', { name: 'fixed', mountPath: '/v' }) },
  { rule: 'SCH-1', what: 'StepAction args as a string', kinds: ACTION, apply: (doc) => ((doc.spec.args = 'x'), true) },
];

/**
 * Config profiles a document is judged under: the e2e jobs' gates (the alpha one with its flags), and
 * a few other feature-flags and config-defaults keys that change what the webhook admits.
 */
const PROFILES: readonly Readonly<Record<string, string>>[] = [
  {},
  {},
  { 'enable-api-fields': 'stable' },
  { 'disable-inline-spec': 'pipeline,pipelinerun,taskrun' },
  { 'default-forbidden-env': 'HOME,TOKEN', 'default-max-matrix-combinations-count': '4' },
  { 'enable-api-fields': 'alpha', 'enable-param-enum': 'true', 'enable-cel-in-whenexpression': 'true', 'enable-artifacts': 'true', 'enable-concise-resolver-syntax': 'true', 'enable-kubernetes-sidecar': 'true' },
];

/** The Tekton manifests of one valid-ish random program, plus runs built around them. */
function baseDocuments(seed: number, d: Dice): Json[] {
  const app = new App();
  const chart = new Chart(app, 'fuzz');
  try {
    buildRandomProgram(chart, seed, 0);
  } catch {
    return [];
  }
  // Each object's JSON directly: Chart.toJson would refuse a program signet finds invalid, and those
  // documents are wanted too.
  const docs = chart.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .map((o) => o.toJson() as Json)
    .filter((m) => ['Task', 'Pipeline'].includes(m.kind));
  const runs: Json[] = [];
  for (const m of docs) {
    const params = (m.spec.params ?? []).filter((p: Json) => p.default === undefined).map((p: Json) => ({ name: p.name, value: p.type === 'array' ? ['a'] : p.type === 'object' ? Object.fromEntries(Object.keys(p.properties ?? {}).map((k) => [k, 'v'])) : 'v' }));
    const workspaces = (m.spec.workspaces ?? []).map((w: Json) => ({ name: w.name, emptyDir: {} }));
    const inline = d.chance(0.5);
    const name = `${m.metadata.name}-run`;
    if (m.kind === 'Task') runs.push({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name }, spec: { ...(inline ? { taskSpec: structuredClone(m.spec) } : { taskRef: { name: m.metadata.name } }), params, workspaces } });
    else runs.push({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name }, spec: { ...(inline ? { pipelineSpec: structuredClone(m.spec) } : { pipelineRef: { name: m.metadata.name } }), params, workspaces } });
  }
  const action = {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: `action-${seed}` },
    spec: {
      image: IMAGE,
      params: [{ name: 'msg', type: 'string', default: 'hi' }, { name: 'vol', type: 'string', default: 'data' }],
      results: [{ name: 'out' }],
      env: [{ name: 'MSG', value: '$(params.msg)' }],
      volumeMounts: [{ name: '$(params.vol)', mountPath: '/data' }],
      script: '#!/bin/sh\necho "$MSG" > $(step.results.out.path)\n',
    },
  };
  return [...docs, ...runs, ...(d.chance(0.5) ? [action] : [])];
}

/** Documents from `count` seeds starting at `baseSeed`: each base document once, mutated (80 %) or not. */
export function generateDocuments(baseSeed: number, count: number): GeneratedDoc[] {
  const out: GeneratedDoc[] = [];
  for (let i = 0; i < count; i += 1) {
    const seed = baseSeed + i;
    const d = new Dice(seededRandom(seed ^ 0x5eed));
    for (const base of baseDocuments(seed, d)) {
      const doc = structuredClone(base);
      const featureFlags = d.pick(PROFILES);
      if (!d.chance(0.8)) {
        out.push({ doc, rule: 'none', what: 'untouched', seed, featureFlags });
        continue;
      }
      const candidates = MUTATIONS.filter((m) => m.kinds.includes(doc.kind));
      let applied: Mutation | undefined;
      for (let tries = 0; tries < 5 && !applied; tries += 1) {
        const m = d.pick(candidates);
        if (m.apply(doc, d)) applied = m;
      }
      out.push({ doc, rule: applied?.rule ?? 'none', what: applied?.what ?? 'untouched', seed, featureFlags });
    }
  }
  return out;
}
