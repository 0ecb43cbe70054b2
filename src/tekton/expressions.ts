/**
 * Builders for Tekton `$(...)` variable expressions, and the parsers that find them again in strings.
 *
 * Builders return plain strings so they compose with template literals:
 * `` `${taskResult('build', 'IMAGE_URL')}@${taskResult('build', 'IMAGE_DIGEST')}` ``.
 *
 * @see https://tekton.dev/docs/pipelines/variables/ (variables in Tasks and Pipelines)
 */

/** Something that renders as a Tekton expression, such as a param or result handle. */
export interface IExpression {
  /** The full `$(...)` text. */
  readonly expression: string;
  /** Returns {@link expression}, so handles work inside template literals. */
  toString(): string;
}

/** Names containing `.` must use bracket syntax (rule T-10, src/tekton/validation/rules.ts). */
function segment(name: string): string {
  return name.includes('.') ? `['${name}']` : `.${name}`;
}

/** `$(params.<name>)` (or `$(params['a.b'])` when the name contains a dot). */
export function paramExpr(name: string): string {
  return `$(params${segment(name)})`;
}

/** `$(params.<name>[*])`: a whole array param; must be a whole element of command, args or an array value. */
export function paramArrayExpr(name: string): string {
  return `$(params${segment(name)}[*])`;
}

/** `$(params.<name>[<index>])`: one element of an array param. */
export function paramIndexExpr(name: string, index: number): string {
  return `$(params${segment(name)}[${index}])`;
}

/** `$(params.<name>.<key>)`: one key of an object param. */
export function paramKeyExpr(name: string, key: string): string {
  return `$(params${segment(name)}.${key})`;
}

/** `$(tasks.<task>.results.<result>)`: a result of an earlier pipeline task (creates a DAG edge). */
export function taskResultExpr(task: string, result: string): string {
  return `$(tasks.${task}.results${segment(result)})`;
}

/** `$(tasks.<task>.results.<result>[*])`: a whole array result. */
export function taskResultArrayExpr(task: string, result: string): string {
  return `$(tasks.${task}.results${segment(result)}[*])`;
}

/** `$(tasks.<task>.results.<result>[<index>])`: one element of an array result. */
export function taskResultIndexExpr(task: string, result: string, index: number): string {
  return `$(tasks.${task}.results${segment(result)}[${index}])`;
}

/** `$(tasks.<task>.results.<result>.<key>)`: one key of an object result. */
export function taskResultKeyExpr(task: string, result: string, key: string): string {
  return `$(tasks.${task}.results${segment(result)}.${key})`;
}

/** `$(finally.<task>.results.<result>)`: a finally task's result; only valid in pipeline results. */
export function finallyResultExpr(task: string, result: string): string {
  return `$(finally.${task}.results${segment(result)})`;
}

/** `$(tasks.<task>.status)`: only valid in finally tasks. */
export function taskStatusExpr(task: string): string {
  return `$(tasks.${task}.status)`;
}

/** `$(tasks.<task>.reason)`: only valid in finally tasks. */
export function taskReasonExpr(task: string): string {
  return `$(tasks.${task}.reason)`;
}

/** `$(tasks.status)`: the aggregate status of all `tasks`; only valid in finally tasks. */
export const TASKS_STATUS_EXPR = '$(tasks.status)';

/** What a workspace expression asks for. */
export type WorkspaceAttribute = 'path' | 'bound' | 'claim' | 'volume';

/** `$(workspaces.<name>.<attribute>)`; in a Pipeline only `bound` is valid. */
export function workspaceExpr(name: string, attribute: WorkspaceAttribute = 'path'): string {
  return `$(workspaces.${name}.${attribute})`;
}

/** `$(results.<name>.path)`: the file a step writes a Task result to. */
export function resultPathExpr(name: string): string {
  return `$(results${segment(name)}.path)`;
}

/** `$(step.results.<name>.path)`: the file a step writes its own step result to. */
export function stepResultPathExpr(name: string): string {
  return `$(step.results${segment(name)}.path)`;
}

/** `$(steps.<step>.results.<name>)`: an earlier step's result; only valid in env, command and args. */
export function stepResultExpr(step: string, name: string): string {
  return `$(steps.${step}.results${segment(name)})`;
}

/** `$(context.*)` variables. Task-side ones are valid in Tasks, pipeline-side ones in Pipelines. */
export const CONTEXT_EXPR = {
  taskRunName: '$(context.taskRun.name)',
  taskRunNamespace: '$(context.taskRun.namespace)',
  taskRunUid: '$(context.taskRun.uid)',
  taskName: '$(context.task.name)',
  taskRetryCount: '$(context.task.retry-count)',
  pipelineRunName: '$(context.pipelineRun.name)',
  pipelineRunNamespace: '$(context.pipelineRun.namespace)',
  pipelineRunUid: '$(context.pipelineRun.uid)',
  pipelineName: '$(context.pipeline.name)',
  pipelineTaskRetries: '$(context.pipelineTask.retries)',
} as const;

/** A `$(tasks.<task>.results.<result>...)` reference found in a string. */
export interface TaskResultUse {
  /** The pipeline task name. */
  readonly task: string;
  /** The result name. */
  readonly result: string;
}

const TASK_RESULT_USE = /\$\(\s*tasks\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.results(?:\.([A-Za-z0-9_-]+)|\[(['"])(.+?)\4\])/g;
const PARAM_USE = /\$\(\s*params(?:\.([_a-zA-Z][_a-zA-Z0-9-]*)|\[(['"])(.+?)\2\])/g;

/** Every task result referenced in `text`, in order of appearance. */
export function findTaskResultUses(text: string): TaskResultUse[] {
  const uses: TaskResultUse[] = [];
  for (const m of text.matchAll(TASK_RESULT_USE)) {
    uses.push({ task: m[1]!, result: (m[3] ?? m[5])! });
  }
  return uses;
}

/** Every param name referenced in `text` (`$(params.x)`, `$(params.x[*])`, `$(params['a.b'])`, ...). */
export function findParamUses(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PARAM_USE)) {
    names.push((m[1] ?? m[3])!);
  }
  return names;
}
