/**
 * PipelineSpec and PipelineTaskSpec (one node of the DAG).
 *
 * @see https://tekton.dev/docs/pipelines/pipelines/
 */
import type { Param, ParamSpec } from './params.js';
import type { PipelineRef, TaskRef } from './refs.js';
import type { PipelineResultSpec } from './results.js';
import type { OnError } from './steps.js';
import type { EmbeddedTaskSpec } from './task-spec.js';
import type { WhenExpression } from './when.js';
import type { PipelineWorkspaceDeclaration, WorkspacePipelineTaskBinding } from './workspaces.js';

/** Fans a pipeline task out into one TaskRun per combination (beta). */
export interface Matrix {
  /** Array-valued params to combine. @default - no `params`: the matrix fans out only over `include` */
  readonly params?: readonly Param[];
  /** Extra combinations with string values. @default - no extra combinations */
  readonly include?: readonly { readonly name?: string; readonly params: readonly Param[] }[];
}

/** One node of the pipeline DAG (an item of `tasks` or `finally`). */
export interface PipelineTaskSpec {
  /** DNS-1123 label, unique across tasks and finally. */
  readonly name: string;
  /** A human-readable name for dashboards. @default - no display name: UIs show the pipeline task name */
  readonly displayName?: string;
  /** What it does, in a sentence or two. @default - no description */
  readonly description?: string;
  /** The Task to run, by name or resolver. Exactly one of taskRef, taskSpec, pipelineRef, pipelineSpec. @default - not set: one of the other three must be */
  readonly taskRef?: TaskRef;
  /** An inline Task. @default - not set: one of the other three must be */
  readonly taskSpec?: EmbeddedTaskSpec;
  /** A child Pipeline (alpha). @default - not set: one of the other three must be */
  readonly pipelineRef?: PipelineRef;
  /** Params passed to the Task. @default - no params: every Task param needs a default */
  readonly params?: readonly Param[];
  /** Matrix fan-out (beta). @default - no matrix: the Task runs once */
  readonly matrix?: Matrix;
  /** Workspace bindings. @default - no bindings: every required Task workspace must be optional */
  readonly workspaces?: readonly WorkspacePipelineTaskBinding[];
  /** Pipeline tasks that must finish first (ordering without data). Not allowed in finally. @default - ordered only by the results it reads */
  readonly runAfter?: readonly string[];
  /** Guards. @default - always runs */
  readonly when?: readonly WhenExpression[];
  /** Retries on failure. @default 0 */
  readonly retries?: number;
  /** Go duration per attempt. @default - the run's tasks timeout */
  readonly timeout?: string;
  /** Beta; `continue` cannot be combined with retries. @default 'stopAndFail' */
  readonly onError?: OnError;
}

/** The spec of a Pipeline. */
export interface PipelineSpec {
  /** A human-readable name for dashboards. @default - no display name: UIs show `metadata.name` */
  readonly displayName?: string;
  /** What it does, in a sentence or two. @default - no description */
  readonly description?: string;
  /** Params the Pipeline declares. @default - the Pipeline takes no params */
  readonly params?: readonly ParamSpec[];
  /** Workspaces the Pipeline declares. @default - the Pipeline declares no workspaces */
  readonly workspaces?: readonly PipelineWorkspaceDeclaration[];
  /** The DAG. @default - no tasks (the validator then reports the Pipeline as empty) */
  readonly tasks?: readonly PipelineTaskSpec[];
  /** Tasks that run after all others, whatever their outcome. @default - nothing runs after the DAG */
  readonly finally?: readonly PipelineTaskSpec[];
  /** Results the Pipeline declares. @default - the Pipeline reports no results */
  readonly results?: readonly PipelineResultSpec[];
}
