/**
 * A TaskSpec, standalone (Task) or embedded (Pipeline task, TaskRun): sections B to F of the checklist.
 */
import type { ResolvedFlags } from './flags.js';
import { declaredParams, validateParamSpecs, type ParamDecl } from './params.js';
import { validateResults } from './results.js';
import { validateSteps } from './steps.js';
import type { TaskScope, UndeclaredParamRule } from './task-scope.js';
import { unusedDeclarations } from './task-variables.js';
import { validateTaskWorkspaces } from './workspaces.js';
import { entry, field, objs, str, type Issues, type Obj } from './_model.js';

/** Where a TaskSpec sits and what it inherits. */
export interface TaskSpecOptions {
  readonly path: string;
  /** Params propagated from the enclosing Pipeline or run. @default - none (standalone Task) */
  readonly outerParams?: ReadonlyMap<string, ParamDecl>;
  readonly undeclaredRule: UndeclaredParamRule;
  readonly inPipeline: boolean;
  /** Looks up a StepAction by name for SA-7. @default - StepAction refs are not checked */
  readonly findStepAction?: (name: string) => unknown;
  readonly flags: ResolvedFlags;
  readonly issues: Issues;
}

/** Validates one TaskSpec. */
export function validateTaskSpec(spec: Obj, o: TaskSpecOptions): void {
  const { path, flags, issues } = o;
  validateParamSpecs(spec.params, field(path, 'params'), 'Task', flags, issues);
  validateResults(spec.results, field(path, 'results'), 'task', flags, issues);
  validateTaskWorkspaces(spec, path, issues);
  const scope: TaskScope = {
    path,
    params: new Map([...(o.outerParams ?? new Map<string, ParamDecl>()), ...declaredParams(spec.params)]),
    undeclaredRule: o.undeclaredRule,
    inPipeline: o.inPipeline,
    stepAction: false,
    resultNames: new Set(objs(spec.results).map((r) => str(r.name) ?? '')),
    workspaceNames: new Set(objs(spec.workspaces).map((w) => str(w.name) ?? '')),
    flags,
    issues,
    ...(o.findStepAction ? { findStepAction: o.findStepAction } : {}),
  };
  validateSteps(spec, scope);
  for (const unused of unusedDeclarations(spec)) {
    issues.warn(
      'T-14',
      entry(field(path, `${unused.kind}s`), unused.name),
      `${unused.kind} "${unused.name}" is declared but never used`,
      unused.kind === 'result' ? 'write the result from a step, or remove it' : `use the ${unused.kind}, or remove it`,
      unused.name,
    );
  }
}
