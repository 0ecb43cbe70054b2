/**
 * PipelineSpec and PipelineTaskSpec (one node of the DAG).
 *
 * @see tekton-api.md §4
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
  /** Array-valued params to combine. @default - none */
  readonly params?: readonly Param[];
  /** Extra combinations with string values. @default - none */
  readonly include?: readonly { readonly name?: string; readonly params: readonly Param[] }[];
}

/** One node of the pipeline DAG (an item of `tasks` or `finally`). */
export interface PipelineTaskSpec {
  /** DNS-1123 label, unique across tasks and finally. */
  readonly name: string;
  /** A human-readable name for dashboards. @default - none */
  readonly displayName?: string;
  /** What it does, in a sentence or two. @default - none */
  readonly description?: string;
  /** The Task to run, by name or resolver. Exactly one of taskRef, taskSpec, pipelineRef, pipelineSpec. @default - none */
  readonly taskRef?: TaskRef;
  /** An inline Task. @default - none */
  readonly taskSpec?: EmbeddedTaskSpec;
  /** A child Pipeline (alpha). @default - none */
  readonly pipelineRef?: PipelineRef;
  /** Params passed to the Task. @default - none */
  readonly params?: readonly Param[];
  /** Matrix fan-out (beta). @default - none */
  readonly matrix?: Matrix;
  /** Workspace bindings. @default - none */
  readonly workspaces?: readonly WorkspacePipelineTaskBinding[];
  /** Pipeline tasks that must finish first (ordering without data). Not allowed in finally. @default - none */
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
  /** A human-readable name for dashboards. @default - none */
  readonly displayName?: string;
  /** What it does, in a sentence or two. @default - none */
  readonly description?: string;
  /** Params the Pipeline declares. @default - none */
  readonly params?: readonly ParamSpec[];
  /** Workspaces the Pipeline declares. @default - none */
  readonly workspaces?: readonly PipelineWorkspaceDeclaration[];
  /** The DAG. @default - none */
  readonly tasks?: readonly PipelineTaskSpec[];
  /** Tasks that run after all others, whatever their outcome. @default - none */
  readonly finally?: readonly PipelineTaskSpec[];
  /** Results the Pipeline declares. @default - none */
  readonly results?: readonly PipelineResultSpec[];
}
