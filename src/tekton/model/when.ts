/**
 * Guards on pipeline tasks and steps.
 *
 * @see https://tekton.dev/docs/pipelines/pipelines/#guard-task-execution-using-when-expressions
 */

/** `input` compared against `values` (`in` or `notin`). */
export interface WhenInputExpression {
  /** The value to test, usually a param or result expression. */
  readonly input: string;
  /** How to compare. */
  readonly operator: 'in' | 'notin';
  /** Values to compare with; must not be empty. */
  readonly values: readonly string[];
}

/** A CEL expression (alpha: `enable-cel-in-whenexpression`). Quote Tekton variables: `'$(params.x)' == 'y'`. */
export interface WhenCelExpression {
  /** The CEL source. */
  readonly cel: string;
}

/** One guard; all guards in a list must hold for the task or step to run. */
export type WhenExpression = WhenInputExpression | WhenCelExpression;
