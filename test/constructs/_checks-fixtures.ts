import { Testing } from 'cdk8s';
import { expect } from 'vitest';
import { Pipeline, StepAction, Task, TaskReference, TektonConstructError } from '../../src/constructs/index.js';
import { lintSources } from '../../src/lint/index.js';
import { formatIssue, type ValidationIssue } from '../../src/tekton/validation/index.js';

/**
 * What the construct-check tests share: each case makes one mistake with a construct and in YAML; the construct
 * call must throw the issue `signet lint` reports for the YAML (rule id, path, message, fix).
 */

export const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;
export const STEP = { name: 'run', image: IMAGE, script: 'true' };

/** The issue the construct call throws (and checks that its message is the issue's one line). */
export function thrown(make: () => void): ValidationIssue {
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
export function linted(manifest: Record<string, unknown> | readonly Record<string, unknown>[]): ValidationIssue[] {
  const docs = Array.isArray(manifest) ? manifest : [manifest];
  return lintSources([{ file: 'x.yaml', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }]).findings.map((f) => f.issue);
}

export const task = (spec: Record<string, unknown>, name = 't'): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name },
  spec: { steps: [STEP], ...spec },
});
export const pipeline = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'p' },
  spec: { tasks: [{ name: 'a', taskRef: { name: 't' } }], ...spec },
});
export const stepAction = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1beta1',
  kind: 'StepAction',
  metadata: { name: 'sa' },
  spec: { image: IMAGE, script: 'true', ...spec },
});

export const newTask = (): Task => new Task(Testing.chart(), 't');
export const newPipeline = (): Pipeline => {
  const p = new Pipeline(Testing.chart(), 'p');
  p.addTask('a', { task: TaskReference.fromName('t') });
  return p;
};
export const newStepAction = (): StepAction => new StepAction(Testing.chart(), 'sa', { image: IMAGE, script: 'true' });

/** Makes one object with `make`, then calls `add` on it twice: the second call repeats a name. */
export function twice<T>(make: () => T, add: (o: T) => unknown): () => void {
  return () => {
    const o = make();
    add(o);
    add(o);
  };
}

/** A Task construct `build` with a required param IMAGE and a required workspace `source`. */
export const buildTask = (): Task => {
  const t = new Task(Testing.chart(), 'build');
  t.addParam('IMAGE');
  t.addWorkspace('source');
  t.addStep(STEP);
  return t;
};
export const buildYaml = task({ params: [{ name: 'IMAGE', type: 'string' }], workspaces: [{ name: 'source' }] }, 'build');
/** A Pipeline construct `p` with the workspaces `ws` and, optional, `opt`. */
export const pipelineWithWorkspaces = (): { p: Pipeline; ws: ReturnType<Pipeline['addWorkspace']>; opt: ReturnType<Pipeline['addWorkspace']> } => {
  const p = newPipeline();
  return { p, ws: p.addWorkspace('ws'), opt: p.addWorkspace('opt', { optional: true }) };
};
export const workspacesYaml = [{ name: 'ws' }, { name: 'opt', optional: true }];
export const pipelineRun = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { name: 'run' },
  spec: { pipelineRef: { name: 'p' }, ...spec },
});
export const taskRun = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'TaskRun',
  metadata: { name: 'run' },
  spec: { taskRef: { name: 'build' }, ...spec },
});
export const uses = (extra: Record<string, unknown>): Record<string, unknown> => ({ name: 'b', taskRef: { name: 'build' }, ...extra });

export interface Case {
  readonly rule: string;
  readonly mistake: string;
  readonly construct: () => void;
  readonly yaml: Record<string, unknown> | readonly Record<string, unknown>[];
}
