/**
 * A PipelineSpec, standalone (Pipeline) or inline (PipelineRun): PL-1, PL-2, params, workspaces,
 * tasks, finally, the DAG and results.
 */
import { validatePipelineResultRefs } from './cross-refs.js';
import { validateDag } from './dag.js';
import type { ValidationContext } from './context.js';
import type { ResolvedFlags } from './flags.js';
import { declaredParams, validateParamSpecs, type ParamDecl } from './params.js';
import type { PipelineCtx } from './pipeline-context.js';
import { validatePipelineTask } from './pipeline-task.js';
import { validatePipelineResults } from './results.js';
import type { UndeclaredParamRule } from './task-scope.js';
import { validatePipelineWorkspaces } from './workspaces.js';
import { field, named, objs, str, type Issues, type Obj } from './_model.js';

/** Where a PipelineSpec sits. */
export interface PipelineSpecOptions {
  readonly path: string;
  /** Params of the enclosing PipelineRun (propagated). @default - not set: a Pipeline checked on its own */
  readonly outerParams?: ReadonlyMap<string, ParamDecl>;
  /** Workspaces bound by the enclosing PipelineRun (propagated into an inline spec). @default - none */
  readonly outerWorkspaces?: ReadonlySet<string>;
  readonly embeddedRule: UndeclaredParamRule;
  readonly flags: ResolvedFlags;
  readonly issues: Issues;
  readonly context: ValidationContext;
}

const byName = (list: unknown): Map<string, Obj> => new Map(objs(list).map((o) => [str(o.name) ?? '', o]));

/** True when no field of the spec holds anything (PL-1). */
function isEmptySpec(spec: Obj): boolean {
  for (const key in spec) {
    const v = spec[key];
    if (Object.hasOwn(spec, key) && !(v === undefined || v === null || (Array.isArray(v) && v.length === 0) || v === '')) return false;
  }
  return true;
}

/** Validates one PipelineSpec and returns the context it built (runs reuse it). */
export function validatePipelineSpec(spec: Obj, o: PipelineSpecOptions): PipelineCtx {
  const { path, issues, flags } = o;
  const tasks = objs(spec.tasks);
  const finallyTasks = objs(spec.finally);
  if (isEmptySpec(spec)) {
    issues.error('PL-1', path, 'pipeline spec is empty', 'add at least one task');
  }
  if (finallyTasks.length > 0 && tasks.length === 0) {
    issues.error('PL-2', field(path, 'finally'), 'finally tasks need at least one task in spec.tasks', 'add a task to spec.tasks');
  }
  validateParamSpecs(spec.params, field(path, 'params'), 'Pipeline', flags, issues);
  validatePipelineWorkspaces(spec.workspaces, field(path, 'workspaces'), issues);
  const ctx: PipelineCtx = {
    path,
    spec,
    params: new Map([...(o.outerParams ?? new Map<string, ParamDecl>()), ...declaredParams(spec.params)]),
    tasks: byName(spec.tasks),
    finallyTasks: byName(spec.finally),
    workspaces: new Map([...[...(o.outerWorkspaces ?? [])].map((name): [string, Obj] => [name, { name }]), ...byName(spec.workspaces)]),
    embeddedRule: o.embeddedRule,
    flags,
    issues,
    context: o.context,
  };
  tasks.forEach((pt, i) => validatePipelineTask(pt, named(field(path, 'tasks'), pt, i), false, ctx));
  finallyTasks.forEach((pt, i) => validatePipelineTask(pt, named(field(path, 'finally'), pt, i), true, ctx));
  validateDag(ctx);
  validatePipelineResults(spec.results, field(path, 'results'), { tasks: new Set(ctx.tasks.keys()), finally: new Set(ctx.finallyTasks.keys()) }, issues);
  validatePipelineResultRefs(ctx);
  return ctx;
}
