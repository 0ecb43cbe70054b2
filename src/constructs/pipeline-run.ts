import type { Construct } from 'constructs';
import {
  type JsonObject,
  type PipelineRunSpec,
  type PipelineRunTimeouts,
  type PipelineTaskRunSpec,
  type PodTemplate,
  renderPipelineRunSpec,
  TEKTON_API_VERSION,
  TEKTON_KINDS,
} from '../tekton/index.js';
import { interfaceContext } from './_checks.js';
import { type RunWorkspaceInput, runParams, runWorkspaces } from './_run-bindings.js';
import type { ParamValueInput } from './_values.js';
import type { IPipelineDefinition } from './pipeline-reference.js';
import { TektonObject, type TektonObjectProps } from './tekton-object.js';

/** Props of a {@link PipelineRun}. */
export interface PipelineRunProps extends TektonObjectProps {
  /** The Pipeline to run: a `Pipeline` construct or a `PipelineReference`. */
  readonly pipeline: IPipelineDefinition;
  /** Params by name; literal values only (no task results). @default - no params: every Pipeline param needs a default */
  readonly params?: Readonly<Record<string, ParamValueInput>>;
  /** Workspace bindings by name (see `WorkspaceSources`). @default - none (every required workspace must be bound) */
  readonly workspaces?: Readonly<Record<string, RunWorkspaceInput>>;
  /** Service account of every TaskRun (`taskRunTemplate.serviceAccountName`). @default - not set: the namespace's `default` ServiceAccount (Tekton's `default-service-account`) */
  readonly serviceAccountName?: string;
  /** Pod template of every TaskRun (`taskRunTemplate.podTemplate`). @default - no `taskRunTemplate.podTemplate`: Tekton's default pod template applies */
  readonly podTemplate?: PodTemplate;
  /** Pipeline, tasks and finally timeouts. @default - Tekton's 60m pipeline timeout */
  readonly timeouts?: PipelineRunTimeouts;
  /** Overrides per pipeline task. @default - no per-task overrides */
  readonly taskRunSpecs?: readonly PipelineTaskRunSpec[];
  /** Create the run pending or cancelled. @default - runs at once */
  readonly status?: PipelineRunSpec['status'];
  /** The controller that manages the run (`spec.managedBy`). @default - not set: Tekton's own controller manages the run */
  readonly managedBy?: string;
}

/**
 * A Tekton PipelineRun (`tekton.dev/v1`). Use `metadata.generateName` for runs created with `kubectl create`.
 *
 * @see https://tekton.dev/docs/pipelines/pipelineruns/
 */
export class PipelineRun extends TektonObject {
  /** The Pipeline it runs. */
  public readonly pipeline: IPipelineDefinition;
  private readonly spec: PipelineRunSpec;

  public constructor(scope: Construct, id: string, props: PipelineRunProps) {
    super(scope, id, TEKTON_API_VERSION, TEKTON_KINDS.pipelineRun, props);
    this.pipeline = props.pipeline;
    const where = this.node.path;
    const iface = props.pipeline.pipelineInterface;
    const binding = props.pipeline.bindPipeline();
    const ref = renderPipelineRunSpec({ pipelineRef: binding.pipelineRef, pipelineSpec: binding.pipelineSpec });
    const site = { where, target: props.pipeline.displayLabel, runs: 'Pipeline', ref, context: interfaceContext(props.pipeline) } as const;
    const template =
      props.serviceAccountName !== undefined || props.podTemplate !== undefined
        ? { serviceAccountName: props.serviceAccountName, podTemplate: props.podTemplate }
        : undefined;
    this.spec = {
      pipelineRef: binding.pipelineRef,
      pipelineSpec: binding.pipelineSpec,
      params: runParams(site, iface.params, props.params),
      workspaces: runWorkspaces(site, iface.workspaces, props.workspaces),
      taskRunTemplate: template,
      timeouts: props.timeouts,
      taskRunSpecs: props.taskRunSpecs,
      status: props.status,
      managedBy: props.managedBy,
    };
  }

  /** @internal */
  protected renderSpec(): JsonObject {
    return renderPipelineRunSpec(this.spec);
  }
}
