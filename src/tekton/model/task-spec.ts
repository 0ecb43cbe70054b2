/**
 * TaskSpec: the body of a Task, of an embedded `taskSpec`, and of a TaskRun's inline spec.
 *
 * @see tekton-api.md §2.1
 */
import type { k8s } from 'cdk8s-plus-28';
import type { ParamSpec } from './params.js';
import type { TaskResultSpec } from './results.js';
import type { Sidecar, Step, StepTemplate } from './steps.js';
import type { WorkspaceDeclaration } from './workspaces.js';

/** The spec of a Task. */
export interface TaskSpec {
  /** Name shown in UIs. @default - none */
  readonly displayName?: string;
  /** What the Task does. @default - none */
  readonly description?: string;
  /** Declared params. @default - none */
  readonly params?: readonly ParamSpec[];
  /** Declared workspaces. @default - none */
  readonly workspaces?: readonly WorkspaceDeclaration[];
  /** Declared results. @default - none */
  readonly results?: readonly TaskResultSpec[];
  /** The steps; at least one. */
  readonly steps: readonly Step[];
  /** Defaults merged into every step. @default - none */
  readonly stepTemplate?: StepTemplate;
  /** Sidecars. @default - none */
  readonly sidecars?: readonly Sidecar[];
  /** Pod volumes the steps and sidecars may mount. @default - none */
  readonly volumes?: readonly k8s.Volume[];
}

/** An inline TaskSpec inside a pipeline task, with optional labels and annotations for its TaskRun. */
export interface EmbeddedTaskSpec extends TaskSpec {
  /** Labels and annotations of the embedded Task. @default - none */
  readonly metadata?: {
    /** Labels. @default - none */
    readonly labels?: Readonly<Record<string, string>>;
    /** Annotations. @default - none */
    readonly annotations?: Readonly<Record<string, string>>;
  };
}
