/**
 * What a validation may look up beyond the object itself: shared by the validator's rules and its callers.
 */
import type { ValidationMemo } from './memo.js';

/** What a validator may look up beyond the object itself (objects referenced by name). */
export interface ValidationContext {
  /** Returns the manifest JSON of a Task with this name, if known. @default - references to Tasks are not checked */
  readonly findTask?: (name: string) => unknown;
  /** Returns the manifest JSON of a Pipeline with this name, if known. @default - references to Pipelines are not checked */
  readonly findPipeline?: (name: string) => unknown;
  /** Returns the manifest JSON of a StepAction with this name, if known. @default - references to StepActions are not checked */
  readonly findStepAction?: (name: string) => unknown;
  /**
   * Memo shared by the validations of one pass, so a Task referenced many times is defaulted once. Only while
   * the manifests the `find*` functions return stay unchanged (see {@link ValidationMemo}).
   * @default - nothing is memoized
   * @internal
   */
  readonly memo?: ValidationMemo;
  /**
   * Feature-flag overrides (`config-feature-flags` keys, plus `default-max-matrix-combinations-count`,
   * `default-forbidden-env` and `coschedule`).
   * @default - Tekton v1.15's defaults: `enable-api-fields=beta`, alpha flags off, step actions on
   */
  readonly featureFlags?: Readonly<Record<string, string | boolean>>;
}
