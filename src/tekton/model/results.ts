/**
 * Result declarations of Tasks, steps, StepActions and Pipelines.
 *
 * @see https://tekton.dev/docs/pipelines/tasks/#emitting-results
 */
import type { ParamValue } from './params.js';

/** Result types: `array` and `object` are beta in Tekton v1.15. */
export type ResultType = 'string' | 'array' | 'object';

/** A result a step or StepAction declares (`steps[].results[]`, `StepAction.spec.results[]`). */
export interface StepResultSpec {
  /** Result name (RES-1). */
  readonly name: string;
  /**
   * Result type.
   * @default 'string'
   */
  readonly type?: ResultType;
  /**
   * Keys of an object result.
   * @default - none (required when type is 'object')
   */
  readonly properties?: readonly string[];
  /**
   * What the result holds and in which format.
   * @default - no description
   */
  readonly description?: string;
}

/** A result a Task declares (`Task.spec.results[]`). */
export interface TaskResultSpec extends StepResultSpec {
  /**
   * Copies a step result up to the Task: `$(steps.<step>.results.<name>)`.
   * @default - the steps write the result file themselves
   */
  readonly value?: string;
}

/** A result a Pipeline declares (`Pipeline.spec.results[]`). */
export interface PipelineResultSpec {
  /** Result name (RES-1). */
  readonly name: string;
  /**
   * Result type.
   * @default 'string'
   */
  readonly type?: ResultType;
  /**
   * What the result holds.
   * @default - no description
   */
  readonly description?: string;
  /** Where the value comes from: must contain `$(tasks.<t>.results.<r>)` or `$(finally.<t>.results.<r>)`. */
  readonly value: ParamValue;
}
