/**
 * What the checks of one PipelineSpec share: declared params, task lists and referenced specs.
 */
import type { ValidationContext } from './index.js';
import { defaultedReference } from './memo.js';
import type { ResolvedFlags } from './flags.js';
import { declaredParams, type ParamDecl } from './params.js';
import type { UndeclaredParamRule } from './task-scope.js';
import { asArray, asObj, has, isObj, objs, str, type Issues, type Obj } from './_model.js';

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
export class ResolvedTask {
  private declaredParams?: ReadonlyMap<string, ParamDecl>;
  private declaredWorkspaces?: ReadonlyMap<string, Obj>;

  /**
   * @param spec the defaulted TaskSpec
   * @param origin how it was found, for messages: `inline taskSpec` or `Task "name"`
   * @param manifest the referenced Task manifest (for annotations); none for inline specs
   */
  public constructor(
    public readonly spec: Obj,
    public readonly origin: string,
    public readonly manifest?: Obj,
  ) {}

  /** The Task's params by name (computed once: a Task in a memo serves every pipeline task that uses it). */
  public get params(): ReadonlyMap<string, ParamDecl> {
    this.declaredParams ??= declaredParams(this.spec.params);
    return this.declaredParams;
  }

  /** The Task's workspace declarations by name. */
  public get workspaces(): ReadonlyMap<string, Obj> {
    this.declaredWorkspaces ??= new Map(objs(this.spec.workspaces).map((w) => [str(w.name) ?? '', w]));
    return this.declaredWorkspaces;
  }
}

/**
 * The TaskSpec behind a pipeline task: its inline `taskSpec`, or the Task named by a local `taskRef`
 * found through `context.findTask`. Remote (resolver) and custom-task refs are unknown at synth time.
 */
export function resolveTask(pt: Obj, ctx: PipelineCtx): ResolvedTask | undefined {
  if (isObj(pt.taskSpec)) {
    return has(pt.taskSpec, 'steps') || !has(pt.taskSpec, 'kind') ? new ResolvedTask(pt.taskSpec, 'inline taskSpec') : undefined;
  }
  const ref = asObj(pt.taskRef);
  const name = str(ref.name);
  if (name === undefined || has(ref, 'resolver') || (has(ref, 'kind') && ref.kind !== 'Task')) return undefined;
  const found = ctx.context.findTask?.(name);
  if (!isObj(found)) return undefined;
  // Referenced Tasks come from the caller as written; default them as the webhook would have.
  const memo = ctx.context.memo;
  return memo ? memo.derived(found, name, () => referencedTask(found, name)) : referencedTask(found, name);
}

function referencedTask(found: Obj, name: string): ResolvedTask {
  return new ResolvedTask(asObj(defaultedReference(found, 'Task', undefined).spec), `Task "${name}"`, found);
}

/** True for the last entry of `tasks` (or `finally`); see TextSite.contextChecked. */
export function isLastTask(pt: Obj, isFinally: boolean, ctx: PipelineCtx): boolean {
  const list = asArray(isFinally ? ctx.spec.finally : ctx.spec.tasks);
  return list.length > 0 && list[list.length - 1] === pt;
}
