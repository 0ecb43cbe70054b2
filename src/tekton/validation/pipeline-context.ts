/**
 * What the checks of one PipelineSpec share: declared params, task lists and referenced specs.
 */
import type { ValidationContext } from './index.js';
import { defaultedReference } from './memo.js';
import type { ResolvedFlags } from './flags.js';
import type { ParamDecl } from './params.js';
import type { UndeclaredParamRule } from './task-scope.js';
import { asObj, has, isObj, str, type Issues, type Obj } from './_model.js';

/** The shared state of a PipelineSpec under validation. */
export interface PipelineCtx {
  /** Path of the spec, e.g. `spec` or `spec.pipelineSpec`. */
  readonly path: string;
  readonly spec: Obj;
  /** Pipeline params (plus run params when the spec is inline in a PipelineRun). */
  readonly params: ReadonlyMap<string, ParamDecl>;
  /** `tasks` entries by name. */
  readonly tasks: ReadonlyMap<string, Obj>;
  /** `finally` entries by name. */
  readonly finallyTasks: ReadonlyMap<string, Obj>;
  /** Pipeline workspace declarations by name. */
  readonly workspaces: ReadonlyMap<string, Obj>;
  /** Rule id for undeclared params inside embedded taskSpecs. */
  readonly embeddedRule: UndeclaredParamRule;
  readonly flags: ResolvedFlags;
  readonly issues: Issues;
  readonly context: ValidationContext;
}

/** A pipeline task's Task, when it can be known at synth time. */
export interface ResolvedTask {
  readonly spec: Obj;
  /** The referenced Task manifest (for annotations). @default - none, for inline specs */
  readonly manifest?: Obj;
  /** How it was found, for messages: `inline` or `Task "name"`. */
  readonly origin: string;
}

/**
 * The TaskSpec behind a pipeline task: its inline `taskSpec`, or the Task named by a local `taskRef`
 * found through `context.findTask`. Remote (resolver) and custom-task refs are unknown at synth time.
 */
export function resolveTask(pt: Obj, ctx: PipelineCtx): ResolvedTask | undefined {
  if (isObj(pt.taskSpec)) {
    return has(pt.taskSpec, 'steps') || !has(pt.taskSpec, 'kind') ? { spec: pt.taskSpec, origin: 'inline taskSpec' } : undefined;
  }
  const ref = asObj(pt.taskRef);
  const name = str(ref.name);
  if (name === undefined || has(ref, 'resolver') || (has(ref, 'kind') && ref.kind !== 'Task')) return undefined;
  const found = ctx.context.findTask?.(name);
  if (!isObj(found)) return undefined;
  // Referenced Tasks come from the caller as written; default them as the webhook would have.
  const defaulted = defaultedReference(found, 'Task', ctx.context.memo);
  return { spec: asObj(defaulted.spec), manifest: found, origin: `Task "${name}"` };
}
