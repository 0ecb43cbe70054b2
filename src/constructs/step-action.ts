import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import {
  type JsonObject,
  type ParamSpec,
  renderStepActionSpec,
  STEP_ACTION_API_VERSION,
  type StepActionRef,
  type StepActionSpec,
  type StepResultSpec,
  TEKTON_KINDS,
} from '../tekton/index.js';
import { checkAsValidated, checkParamDeclaration, checkResultDeclaration } from './_checks.js';
import { nameKey } from './_values.js';
import { ParamReference } from './param-reference.js';
import type { IStepActionDefinition, StepActionInterface } from './step-action-reference.js';
import { DEFAULT_STEP_SECURITY_CONTEXT } from './step-defaults.js';
import { checkParamSpec, type ParamOptions } from './task.js';
import { TektonObject, type TektonObjectProps } from './tekton-object.js';

/** Props of a {@link StepAction}: its spec, plus metadata; the step runs non-root unless it says otherwise. */
export interface StepActionProps extends TektonObjectProps, StepActionSpec {
  /** Wins over the Task step's. @default DEFAULT_STEP_SECURITY_CONTEXT */
  readonly securityContext?: k8s.SecurityContext;
}

/**
 * A Tekton StepAction (`tekton.dev/v1beta1`: StepAction has no v1): a reusable step that Task steps run with
 * `addStep({ name, action: stepAction, params })`.
 *
 * @see https://tekton.dev/docs/pipelines/stepactions/
 */
export class StepAction extends TektonObject implements IStepActionDefinition {
  private readonly actionProps: StepActionProps;
  private readonly _params = new Map<string, ParamReference>();
  private readonly _results: StepResultSpec[] = [];

  public constructor(scope: Construct, id: string, props: StepActionProps) {
    super(scope, id, STEP_ACTION_API_VERSION, TEKTON_KINDS.stepAction, props);
    this.actionProps = props;
    if (props.script !== undefined && (props.command !== undefined || props.script.includes('$(params'))) {
      const manifest = { apiVersion: this.apiVersion, kind: this.kind, metadata: { name: this.name }, spec: this.renderSpec() };
      checkAsValidated(this.node.path, manifest, 'spec.script', { 'SA-2': 'INVALID_PROPS', 'SA-3': 'UNSAFE_SCRIPT' });
    }
    for (const p of props.params ?? []) this.addParam(p.name, p);
    for (const r of props.results ?? []) this.addResult(r);
  }

  /** {@inheritDoc IStepActionDefinition.displayLabel} */
  public get displayLabel(): string {
    return `step action '${this.name}'`;
  }

  /** {@inheritDoc IStepActionDefinition.stepActionInterface} */
  public get stepActionInterface(): StepActionInterface {
    return { params: [...this._params.values()].map((p) => p.spec), results: [...this._results] };
  }

  /** Declares a param and returns its handle; pass it to the script with `toEnv()`. */
  public addParam(name: string, options: ParamOptions = {}): ParamReference {
    const spec = { ...options, name } as ParamSpec;
    checkParamDeclaration(this.node.path, 'StepAction', spec, this._params);
    checkParamSpec(this.node.path, 'StepAction', spec);
    const ref = new ParamReference(spec, this.node.path);
    this._params.set(nameKey(name), ref);
    this.changed();
    return ref;
  }

  /** Declares a step result; scripts write it to `$(step.results.<name>.path)`. */
  public addResult(result: StepResultSpec): void {
    checkResultDeclaration(this.node.path, 'step', result.name, this._results.map((r) => r.name));
    this._results.push(result);
    this.changed();
  }

  /** {@inheritDoc IStepActionDefinition.bindStepAction} */
  public bindStepAction(): StepActionRef {
    return { name: this.name };
  }

  /** @internal */
  protected renderSpec(): JsonObject {
    const p = this.actionProps;
    return renderStepActionSpec({
      description: p.description,
      image: p.image,
      command: p.command,
      args: p.args,
      env: p.env,
      script: p.script,
      workingDir: p.workingDir,
      params: this.stepActionInterface.params,
      results: this._results,
      securityContext: p.securityContext ?? DEFAULT_STEP_SECURITY_CONTEXT,
      volumeMounts: p.volumeMounts,
    });
  }
}
