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
  /** The Task to run, embedded. @default - not set: `taskRef` must be */
  readonly taskSpec?: TaskSpec;
  /** Param values passed to the run. @default - no params: every Task param needs a default */
  readonly params?: readonly Param[];
  /** The ServiceAccount the pods run as. @default - 'default' (Tekton's `default-service-account`) */
  readonly serviceAccountName?: string;
  /** Workspace bindings of the run. @default - no bindings: every required Task workspace must be optional */
  readonly workspaces?: readonly WorkspaceBinding[];
  /** Pod-level settings for the pods. @default - Tekton's default pod template */
  readonly podTemplate?: PodTemplate;
  /** Go duration; `0` means none. @default - 60m (`default-timeout-minutes`) */
  readonly timeout?: string;
  /** Times to retry the TaskRun after a failure. @default 0 */
  readonly retries?: number;
  /** Create the run pending, or cancel it. @default - running */
  readonly status?: 'TaskRunCancelled' | 'TaskRunPending';
  /** Only with status. @default - no message */
  readonly statusMessage?: string;
  /** Beta. @default - each step keeps the resources its Task gives it */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** Beta. @default - each sidecar keeps the resources its Task gives it */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** Beta, task-level resources. @default - no task-level resources: the steps' own apply */
  readonly computeResources?: k8s.ResourceRequirements;
  /** The controller managing the run. @default - not set: Tekton's own controller manages the run */
  readonly managedBy?: string;
}

/** Pipeline-level defaults for every TaskRun of a PipelineRun. */
export interface TaskRunTemplate {
  /** The ServiceAccount the pods run as. @default - not set: the namespace's `default` ServiceAccount (Tekton's `default-service-account`) */
  readonly serviceAccountName?: string;
  /** Pod-level settings for the pods. @default - Tekton's default pod template */
  readonly podTemplate?: PodTemplate;
}

/** Limits of a PipelineRun; `tasks + finally ≤ pipeline`. Go durations; `0` means none. */
export interface PipelineRunTimeouts {
  /** Timeout of the whole PipelineRun (Go duration). @default - 60m */
  readonly pipeline?: string;
  /** Timeout of the `tasks` section (Go duration). @default - the pipeline timeout */
  readonly tasks?: string;
  /** Timeout of the `finally` section (Go duration). @default - what remains of the pipeline timeout */
  readonly finally?: string;
}

/** Overrides for the TaskRun of one pipeline task. */
export interface PipelineTaskRunSpec {
  /** The pipeline task name. */
  readonly pipelineTaskName: string;
  /** The ServiceAccount the pods run as. @default - the run's service account */
  readonly serviceAccountName?: string;
  /** Pod-level settings for the pods. @default - the run's pod template */
  readonly podTemplate?: PodTemplate;
  /** Compute resources per step. @default - each step keeps the resources its Task gives it */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** Compute resources per sidecar. @default - each sidecar keeps the resources its Task gives it */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** Labels and annotations added to the pods. @default - the TaskRun gets only Tekton's labels and annotations */
  readonly metadata?: {
    /** Labels. @default - no extra labels */
    readonly labels?: Readonly<Record<string, string>>;
    /** Annotations. @default - no extra annotations */
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** Compute resources for the whole TaskRun. @default - no task-level resources: the steps' own apply */
  readonly computeResources?: k8s.ResourceRequirements;
  /** Timeout of this task's TaskRun (Go duration). @default - the tasks timeout */
  readonly timeout?: string;
}

/** The spec of a PipelineRun. */
export interface PipelineRunSpec {
  /** Exactly one of pipelineRef and pipelineSpec. @default - not set: `pipelineSpec` must be */
  readonly pipelineRef?: PipelineRef;
  /** The Pipeline to run, embedded. @default - not set: `pipelineRef` must be */
  readonly pipelineSpec?: PipelineSpec;
  /** Must not contain task result expressions (RUN-3). @default - no params: every Pipeline param needs a default */
  readonly params?: readonly Param[];
  /** Workspace bindings of the run. @default - no bindings: every required Pipeline workspace must be optional */
  readonly workspaces?: readonly WorkspaceBinding[];
  /** Defaults for every TaskRun of the run (service account, pod template). @default - TaskRuns use the namespace's `default` service account and pod template */
  readonly taskRunTemplate?: TaskRunTemplate;
  /** Timeouts of the run and of its sections. @default - none (60m pipeline timeout) */
  readonly timeouts?: PipelineRunTimeouts;
  /** Per-task overrides of the TaskRun settings. @default - no per-task overrides */
  readonly taskRunSpecs?: readonly PipelineTaskRunSpec[];
  /** Create the run pending, or cancel or stop it. @default - running */
  readonly status?: 'Cancelled' | 'CancelledRunFinally' | 'StoppedRunFinally' | 'PipelineRunPending';
  /** The controller that manages the run (`spec.managedBy`). @default - not set: Tekton's own controller manages the run */
  readonly managedBy?: string;
}
