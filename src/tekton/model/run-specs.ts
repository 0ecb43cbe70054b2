/**
 * TaskRunSpec and PipelineRunSpec.
 *
 * @see https://tekton.dev/docs/pipelines/taskruns/ and https://tekton.dev/docs/pipelines/pipelineruns/
 */
import type { k8s } from 'cdk8s-plus-28';
import type { Param } from './params.js';
import type { PipelineSpec } from './pipeline-spec.js';
import type { PodTemplate } from './pod-template.js';
import type { PipelineRef, TaskRef } from './refs.js';
import type { TaskSpec } from './task-spec.js';
import type { WorkspaceBinding } from './workspaces.js';

/** Compute resources for one named step or sidecar (beta). */
export interface ContainerResourceSpec {
  /** The step or sidecar name. */
  readonly name: string;
  /** Its compute resources. */
  readonly computeResources: k8s.ResourceRequirements;
}

/** The spec of a TaskRun. */
export interface TaskRunSpec {
  /** Exactly one of taskRef and taskSpec. @default - not set: `taskSpec` must be */
  readonly taskRef?: TaskRef;
  /** @default - not set: `taskRef` must be */
  readonly taskSpec?: TaskSpec;
  /** @default - no params: every Task param needs a default */
  readonly params?: readonly Param[];
  /** @default - 'default' (Tekton's `default-service-account`) */
  readonly serviceAccountName?: string;
  /** @default - no bindings: every required Task workspace must be optional */
  readonly workspaces?: readonly WorkspaceBinding[];
  /** @default - Tekton's default pod template */
  readonly podTemplate?: PodTemplate;
  /** Go duration; `0` means none. @default - 60m (`default-timeout-minutes`) */
  readonly timeout?: string;
  /** @default 0 */
  readonly retries?: number;
  /** @default - running */
  readonly status?: 'TaskRunCancelled' | 'TaskRunPending';
  /** Only with status. @default - no message */
  readonly statusMessage?: string;
  /** Beta. @default - each step keeps the resources its Task gives it */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** Beta. @default - each sidecar keeps the resources its Task gives it */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** Beta, task-level resources. @default - no task-level resources: the steps' own apply */
  readonly computeResources?: k8s.ResourceRequirements;
  /** The controller managing the run. @default - Tekton */
  readonly managedBy?: string;
}

/** Pipeline-level defaults for every TaskRun of a PipelineRun. */
export interface TaskRunTemplate {
  /** @default - 'default' */
  readonly serviceAccountName?: string;
  /** @default - Tekton's default pod template */
  readonly podTemplate?: PodTemplate;
}

/** Limits of a PipelineRun; `tasks + finally ≤ pipeline`. Go durations; `0` means none. */
export interface PipelineRunTimeouts {
  /** @default - 60m */
  readonly pipeline?: string;
  /** @default - the pipeline timeout */
  readonly tasks?: string;
  /** @default - what remains of the pipeline timeout */
  readonly finally?: string;
}

/** Overrides for the TaskRun of one pipeline task. */
export interface PipelineTaskRunSpec {
  /** The pipeline task name. */
  readonly pipelineTaskName: string;
  /** @default - the run's service account */
  readonly serviceAccountName?: string;
  /** @default - the run's pod template */
  readonly podTemplate?: PodTemplate;
  /** @default - each step keeps the resources its Task gives it */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** @default - each sidecar keeps the resources its Task gives it */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** @default - the TaskRun gets only Tekton's labels and annotations */
  readonly metadata?: {
    /** @default - no extra labels */
    readonly labels?: Readonly<Record<string, string>>;
    /** @default - no extra annotations */
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** @default - no task-level resources: the steps' own apply */
  readonly computeResources?: k8s.ResourceRequirements;
  /** @default - the tasks timeout */
  readonly timeout?: string;
}

/** The spec of a PipelineRun. */
export interface PipelineRunSpec {
  /** Exactly one of pipelineRef and pipelineSpec. @default - not set: `pipelineSpec` must be */
  readonly pipelineRef?: PipelineRef;
  /** @default - not set: `pipelineRef` must be */
  readonly pipelineSpec?: PipelineSpec;
  /** Must not contain task result expressions (RUN-3). @default - no params: every Pipeline param needs a default */
  readonly params?: readonly Param[];
  /** @default - no bindings: every required Pipeline workspace must be optional */
  readonly workspaces?: readonly WorkspaceBinding[];
  /** @default - TaskRuns use the namespace's `default` service account and pod template */
  readonly taskRunTemplate?: TaskRunTemplate;
  /** @default - none (60m pipeline timeout) */
  readonly timeouts?: PipelineRunTimeouts;
  /** @default - no per-task overrides */
  readonly taskRunSpecs?: readonly PipelineTaskRunSpec[];
  /** @default - running */
  readonly status?: 'Cancelled' | 'CancelledRunFinally' | 'StoppedRunFinally' | 'PipelineRunPending';
  /** @default - Tekton */
  readonly managedBy?: string;
}
