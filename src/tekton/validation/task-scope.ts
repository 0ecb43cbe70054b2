/**
 * What the checks inside one TaskSpec (or StepAction) need to know about where it sits.
 */
import type { ResolvedFlags } from './flags.js';
import type { ParamDecl } from './params.js';
import type { Issues } from './_model.js';

/** The rule id reported for a reference to an undeclared param, by where the spec sits. */
export type UndeclaredParamRule = 'T-4' | 'PT-5' | 'RUN-11' | 'SA-4';

/** The surroundings of a TaskSpec under validation. */
export interface TaskScope {
  /** Path of the spec, e.g. `spec` or `spec.tasks[build].taskSpec`. */
  readonly path: string;
  /** Params the spec may use: its own, plus propagated ones from the enclosing Pipeline or run. */
  readonly params: ReadonlyMap<string, ParamDecl>;
  /** Rule id for an undeclared param (T-4 standalone, PT-5 in a Pipeline, RUN-11 in a run, SA-4 StepAction). */
  readonly undeclaredRule: UndeclaredParamRule;
  /** True inside a Pipeline (pipeline-level variables such as `$(tasks.x.results.y)` are substituted first). */
  readonly inPipeline: boolean;
  /** True for a StepAction spec. */
  readonly stepAction: boolean;
  /** Declared Task result names (`$(results.X.path)`). */
  readonly resultNames: ReadonlySet<string>;
  /** Declared Task workspace names (`$(workspaces.X.path)`). */
  readonly workspaceNames: ReadonlySet<string>;
  /** Looks up a StepAction by name for SA-7. @default - StepAction refs are not checked */
  readonly findStepAction?: (name: string) => unknown;
  readonly flags: ResolvedFlags;
  readonly issues: Issues;
}
