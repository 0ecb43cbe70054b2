import type { Construct } from 'constructs';
import {
  type ContainerResourceSpec,
  type JsonObject,
  type PodTemplate,
  renderTaskRunSpec,
  TEKTON_API_VERSION,
  TEKTON_KINDS,
  type TaskRunSpec,
} from '../tekton/index.js';
import { interfaceContext } from './_checks.js';
import { type RunWorkspaceInput, runParams, runWorkspaces } from './_run-bindings.js';
import type { ParamValueInput } from './_values.js';
import type { ITaskDefinition } from './task-reference.js';
import { TektonObject, type TektonObjectProps } from './tekton-object.js';

/** Props of a {@link TaskRun}. */
export interface TaskRunProps extends TektonObjectProps {
  /** The Task to run: a `Task` construct or a `TaskReference`. */
  readonly task: ITaskDefinition;
  /** Params by name. @default - none (every required Task param must be passed) */
  readonly params?: Readonly<Record<string, ParamValueInput>>;
  /** Workspace bindings by name (see `WorkspaceSources`). @default - none (every required workspace must be bound) */
  readonly workspaces?: Readonly<Record<string, RunWorkspaceInput>>;
  /** The ServiceAccount the pod runs as. @default - 'default' (Tekton's `default-service-account`) */
  readonly serviceAccountName?: string;
  /** Pod-level settings for the pod. @default - no pod template: Tekton's default pod template applies */
  readonly podTemplate?: PodTemplate;
  /** Go duration; `0` means none. @default - 60m (Tekton's default) */
  readonly timeout?: string;
  /** Times to retry the TaskRun after a failure. @default 0 */
  readonly retries?: number;
  /** Create the run pending or cancelled. @default - runs at once */
  readonly status?: TaskRunSpec['status'];
  /** Beta: compute resources per step. @default - each step keeps the resources its Task gives it */
  readonly stepSpecs?: readonly ContainerResourceSpec[];
  /** Beta: compute resources per sidecar. @default - each sidecar keeps the resources its Task gives it */
  readonly sidecarSpecs?: readonly ContainerResourceSpec[];
  /** The controller that manages the run (`spec.managedBy`). @default - not set: Tekton's own controller manages the run */
  readonly managedBy?: string;
}

/**
 * A Tekton TaskRun (`tekton.dev/v1`). Use `metadata.generateName` for runs created with `kubectl create`.
 *
 * @see https://tekton.dev/docs/pipelines/taskruns/
 */
export class TaskRun extends TektonObject {
  /** The Task it runs. */
  public readonly task: ITaskDefinition;
  private readonly spec: TaskRunSpec;

  public constructor(scope: Construct, id: string, props: TaskRunProps) {
    super(scope, id, TEKTON_API_VERSION, TEKTON_KINDS.taskRun, props);
    this.task = props.task;
    const where = this.node.path;
    const iface = props.task.taskInterface;
    const binding = props.task.bindTask();
    const ref = renderTaskRunSpec({ taskRef: binding.taskRef, taskSpec: binding.taskSpec });
    const site = { where, target: props.task.displayLabel, runs: 'Task', ref, context: interfaceContext(props.task) } as const;
    this.spec = {
      taskRef: binding.taskRef,
      taskSpec: binding.taskSpec,
      params: runParams(site, iface.params, props.params),
      workspaces: runWorkspaces(site, iface.workspaces, props.workspaces),
      serviceAccountName: props.serviceAccountName,
      podTemplate: props.podTemplate,
      timeout: props.timeout,
      retries: props.retries,
      status: props.status,
      stepSpecs: props.stepSpecs,
      sidecarSpecs: props.sidecarSpecs,
      managedBy: props.managedBy,
    };
  }

  /** @internal */
  protected renderSpec(): JsonObject {
    return renderTaskRunSpec(this.spec);
  }
}
