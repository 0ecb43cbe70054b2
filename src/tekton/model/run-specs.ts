/**
 * TaskRunSpec and PipelineRunSpec.
 *
 * @see tekton-api.md §5, §6
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
  /** Exactly one of taskRef and taskSpec. @default - none */
  readonly taskRef?: TaskRef;
  /** @default - none */
  readonly taskSpec?: TaskSpec;
  /** @default - none */
  readonly params?: readonly Param[];
  /** @default - 'default' (Tekton's `default-service-account`) */
  readonly serviceAccountName?: string;
  /** @default - none */
  readonly workspaces?: readonly WorkspaceBinding[];
  /** @default - none */
  readonly podTemplate?: PodTemplate;
  /** Go duration; `0` means none. @default - 60m (`default-timeout-minutes`) */
  readonly timeout?: string;
  /** Times to retry the TaskRun after a failure. @default 0 */
  readonly retries?: number;
  /** @default - running */
  readonly status?: 'TaskRunCancelled' | 'TaskRunPending';
  /** Only with status. @default - none */
  readonly statusMessage?: string;
  /** Beta. @default - none */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** Beta. @default - none */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** Beta, task-level resources. @default - none */
  readonly computeResources?: k8s.ResourceRequirements;
  /** The controller managing the run. @default - Tekton */
  readonly managedBy?: string;
}

/** Pipeline-level defaults for every TaskRun of a PipelineRun. */
export interface TaskRunTemplate {
  /** @default - 'default' */
  readonly serviceAccountName?: string;
  /** @default - none */
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
  /** @default - none */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** @default - none */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** @default - none */
  readonly metadata?: {
    /** @default - none */
    readonly labels?: Readonly<Record<string, string>>;
    /** @default - none */
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** @default - none */
  readonly computeResources?: k8s.ResourceRequirements;
  /** @default - the tasks timeout */
  readonly timeout?: string;
}

/** The spec of a PipelineRun. */
export interface PipelineRunSpec {
  /** Exactly one of pipelineRef and pipelineSpec. @default - none */
  readonly pipelineRef?: PipelineRef;
  /** @default - none */
  readonly pipelineSpec?: PipelineSpec;
  /** Must not contain task result expressions (RUN-3). @default - none */
  readonly params?: readonly Param[];
  /** @default - none */
  readonly workspaces?: readonly WorkspaceBinding[];
  /** @default - none */
  readonly taskRunTemplate?: TaskRunTemplate;
  /** @default - none (60m pipeline timeout) */
  readonly timeouts?: PipelineRunTimeouts;
  /** @default - none */
  readonly taskRunSpecs?: readonly PipelineTaskRunSpec[];
  /** @default - running */
  readonly status?: 'Cancelled' | 'CancelledRunFinally' | 'StoppedRunFinally' | 'PipelineRunPending';
  /** @default - Tekton */
  readonly managedBy?: string;
}
