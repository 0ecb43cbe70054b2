/**
 * TaskSpec: the body of a Task, of an embedded `taskSpec`, and of a TaskRun's inline spec.
 *
 * @see https://tekton.dev/docs/pipelines/tasks/#configuring-a-task
 */
import type { k8s } from 'cdk8s-plus-28';
import type { ParamSpec } from './params.js';
import type { TaskResultSpec } from './results.js';
import type { Sidecar, Step, StepTemplate } from './steps.js';
import type { WorkspaceDeclaration } from './workspaces.js';

/** The spec of a Task. */
export interface TaskSpec {
  /** Name shown in UIs. @default - UIs show `metadata.name` */
  readonly displayName?: string;
  /** What the Task does. @default - no description */
  readonly description?: string;
  /** Declared params. @default - the Task takes no params */
  readonly params?: readonly ParamSpec[];
  /** Declared workspaces. @default - the Task declares no workspaces */
  readonly workspaces?: readonly WorkspaceDeclaration[];
  /** Declared results. @default - the Task reports no results */
  readonly results?: readonly TaskResultSpec[];
  /** The steps; at least one. */
  readonly steps: readonly Step[];
  /** Defaults merged into every step. @default - each step is used as written */
  readonly stepTemplate?: StepTemplate;
  /** Sidecars. @default - no sidecars */
  readonly sidecars?: readonly Sidecar[];
  /** Pod volumes the steps and sidecars may mount. @default - only the volumes Tekton adds itself */
  readonly volumes?: readonly k8s.Volume[];
}

/** An inline TaskSpec inside a pipeline task, with optional labels and annotations for its TaskRun. */
export interface EmbeddedTaskSpec extends TaskSpec {
  /** Labels and annotations of the embedded Task. @default - the TaskRun gets only Tekton's labels and annotations */
  readonly metadata?: {
    /** Labels. @default - no extra labels */
    readonly labels?: Readonly<Record<string, string>>;
    /** Annotations. @default - no extra annotations */
    readonly annotations?: Readonly<Record<string, string>>;
  };
}
