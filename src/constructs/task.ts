import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import {
  assertDnsLabel,
  assertParamName,
  assertResultName,
  type JsonObject,
  type ObjectParamSpec,
  type ParamSpec,
  renderTaskSpec,
  type Sidecar,
  type Step,
  type StepTemplate,
  stepResultExpr,
  TEKTON_API_VERSION,
  TEKTON_KINDS,
  type TaskResultSpec,
  type TaskSpec,
  type WorkspaceDeclaration,
} from '../tekton/index.js';
import { checkParams, checkUnique } from './_checks.js';
import { nameKey, type ParamValueInput, toParamValue } from './_values.js';
import { TektonConstructError } from './errors.js';
import { ParamReference } from './param-reference.js';
import { ResultDeclaration } from './result-declaration.js';
import type { SecretVolume } from './secret-volume.js';
import { DEFAULT_STEP_SECURITY_CONTEXT } from './step-defaults.js';
import type { IStepActionDefinition } from './step-action-reference.js';
import type { ITaskDefinition, TaskBinding, TaskInterface } from './task-reference.js';
import { TektonObject, type TektonObjectProps } from './tekton-object.js';
import { WorkspaceReference } from './workspace-reference.js';

/** Options of a param declaration (everything but the name). */
export type ParamOptions =
  | Omit<Extract<ParamSpec, { type?: 'string' }>, 'name'>
  | Omit<Extract<ParamSpec, { type: 'array' }>, 'name'>
  | Omit<ObjectParamSpec, 'name'>;

/** Options of a Task result declaration (everything but the name). */
export type ResultOptions = Omit<TaskResultSpec, 'name'>;

/** Options of a Task workspace declaration (everything but the name). */
export type WorkspaceOptions = Omit<WorkspaceDeclaration, 'name'>;

/** A step as `addStep()` takes it: a Tekton step, where a StepAction is referenced by object. */
export interface TaskStepOptions extends Omit<Step, 'ref' | 'params'> {
  /**
   * Run this StepAction instead of an image (then image, command, args, script, workingDir, env, volumeMounts
   * and results must not be set).
   * @default - an inline step that runs `image`
   */
  readonly action?: IStepActionDefinition;
  /**
   * Params for the StepAction (only with `action`).
   * @default - no params: the StepAction's defaults apply
   */
  readonly params?: Readonly<Record<string, ParamValueInput>>;
}

/** Props of a {@link Task}. */
export interface TaskProps extends TektonObjectProps {
  /** Name shown in UIs. @default - no display name: UIs show `metadata.name` */
  readonly displayName?: string;
  /** What the Task does (the catalog requires one). @default - no description (catalog tasks always set one) */
  readonly description?: string;
  /** Params, as if passed to `addParam()` in order. @default - no params until `addParam()` adds them */
  readonly params?: readonly ParamSpec[];
  /** Results, as if passed to `addResult()`. @default - no results until `addResult()` adds them */
  readonly results?: readonly TaskResultSpec[];
  /** Workspaces, as if passed to `addWorkspace()`. @default - no workspaces until `addWorkspace()` adds them */
  readonly workspaces?: readonly WorkspaceDeclaration[];
  /** Steps, as if passed to `addStep()`. @default - none (add at least one before synth) */
  readonly steps?: readonly TaskStepOptions[];
  /** Defaults merged into every step. @default - no step template: each step is used as written */
  readonly stepTemplate?: StepTemplate;
  /** Sidecars, as if passed to `addSidecar()`. @default - no sidecars until `addSidecar()` adds them */
  readonly sidecars?: readonly Sidecar[];
  /** Pod volumes, as if passed to `addVolume()`. @default - no volumes until `addVolume()` adds them */
  readonly volumes?: readonly k8s.Volume[];
  /**
   * Security context for inline steps that set none (and when `stepTemplate` sets none). Pass `{}` to emit none.
   * @default DEFAULT_STEP_SECURITY_CONTEXT (non-root uid 65532, no privilege escalation, all capabilities dropped)
   */
  readonly defaultStepSecurityContext?: k8s.SecurityContext;
}

/** A handle on a step, for its results and exit code. */
export interface StepReference {
  /** The step name. */
  readonly name: string;
  /** `$(steps.<step>.results.<name>)`; only valid in env, command and args of later steps. */
  result(name: string): string;
}

/**
 * A Tekton Task (`tekton.dev/v1`).
 *
 * Declare params, results and workspaces with `addParam`/`addResult`/`addWorkspace` (each returns a handle that
 * renders the right `$(...)` expression), then `addStep`. Params reach scripts through `env`
 * (`param.toEnv()`); a script containing `$(params.` is rejected.
 *
 * @see https://tekton.dev/docs/pipelines/tasks/
 */
export class Task extends TektonObject implements ITaskDefinition {
  /** Display name. */
  public readonly displayName?: string;
  /** Description. */
  public readonly description?: string;
  /** Security context applied to inline steps without one (resolved from props). */
  public readonly defaultStepSecurityContext: k8s.SecurityContext;
  /** The step template, if any. */
  public readonly stepTemplate?: StepTemplate;

  private readonly _params = new Map<string, ParamReference>();
  private _interface?: TaskInterface;
  private readonly _results = new Map<string, ResultDeclaration>();
  private readonly _workspaces = new Map<string, WorkspaceDeclaration>();
  private readonly _steps: Step[] = [];
  private readonly _stepNames = new Set<string>();
  private readonly _sidecars: Sidecar[] = [];
  private readonly _volumes = new Map<string, k8s.Volume>();

  public constructor(scope: Construct, id: string, props: TaskProps = {}) {
    super(scope, id, TEKTON_API_VERSION, TEKTON_KINDS.task, props);
    this.displayName = props.displayName;
    this.description = props.description;
    this.stepTemplate = props.stepTemplate;
    this.defaultStepSecurityContext = props.defaultStepSecurityContext ?? DEFAULT_STEP_SECURITY_CONTEXT;
    for (const p of props.params ?? []) this.addParam(p.name, p);
    for (const r of props.results ?? []) this.addResult(r.name, r);
    for (const w of props.workspaces ?? []) this.addWorkspace(w.name, w);
    for (const v of props.volumes ?? []) this.addVolume(v);
    for (const s of props.steps ?? []) this.addStep(s);
    for (const s of props.sidecars ?? []) this.addSidecar(s);
  }

  /** {@inheritDoc ITaskDefinition.displayLabel} */
  public get displayLabel(): string {
    return `task '${this.name}'`;
  }

  /**
   * What this Task declares right now (frozen). Kept until the next `addParam`/`addResult`/`addWorkspace`,
   * because every pipeline task that runs this Task checks its wiring against it.
   */
  public get taskInterface(): TaskInterface {
    this._interface ??= Object.freeze({
      params: Object.freeze(this.params),
      results: Object.freeze(this.results),
      workspaces: Object.freeze(this.workspaces),
    });
    return this._interface;
  }

  /** Declared params (a copy). */
  public get params(): ParamSpec[] {
    return [...this._params.values()].map((p) => p.spec);
  }

  /** Declared results (a copy). */
  public get results(): TaskResultSpec[] {
    return [...this._results.values()].map((r) => r.spec);
  }

  /** Declared workspaces (a copy). */
  public get workspaces(): WorkspaceDeclaration[] {
    return [...this._workspaces.values()];
  }

  /** Steps (a copy). */
  public get steps(): Step[] {
    return [...this._steps];
  }

  /**
   * Declares a param and returns its handle (`$(params.<name>)`).
   *
   * Throws on an invalid or duplicate name (case-insensitive), or an enum/default that cannot work.
   */
  public addParam(name: string, options: ParamOptions = {}): ParamReference {
    const spec = { ...options, name } as ParamSpec;
    checkParamSpec(this.constructPath, spec);
    checkUnique(this.constructPath, 'param', name, new Set([...this._params.keys()]), true);
    const ref = new ParamReference(spec, this.constructPath);
    this._params.set(nameKey(name), ref);
    this._interface = undefined;
    this.changed();
    return ref;
  }

  /** The handle of a declared param; throws when it is not declared. */
  public param(name: string): ParamReference {
    const ref = this._params.get(nameKey(name));
    if (!ref) {
      throw new TektonConstructError(
        'UNKNOWN_PARAM',
        `${this.constructPath}: task has no param '${name}'; declared params: ${[...this._params.values()].map((p) => p.name).join(', ') || 'none'}`,
      );
    }
    return ref;
  }

  /** Declares a result and returns its handle (`$(results.<name>.path)`). */
  public addResult(name: string, options: ResultOptions = {}): ResultDeclaration {
    assertResultName(this.constructPath, name);
    if (options.type === 'object' && (!options.properties || options.properties.length === 0)) {
      throw new TektonConstructError('INVALID_PROPS', `${this.constructPath}: object result '${name}' needs properties; list its keys`);
    }
    checkUnique(this.constructPath, 'result', name, new Set(this._results.keys()));
    const decl = new ResultDeclaration({ ...options, name });
    this._results.set(name, decl);
    this._interface = undefined;
    this.changed();
    return decl;
  }

  /** The handle of a declared result; throws when it is not declared. */
  public result(name: string): ResultDeclaration {
    const decl = this._results.get(name);
    if (!decl) {
      throw new TektonConstructError(
        'UNKNOWN_RESULT',
        `${this.constructPath}: task has no result '${name}'; declared results: ${[...this._results.keys()].join(', ') || 'none'}`,
      );
    }
    return decl;
  }

  /** Declares a workspace and returns its handle (`$(workspaces.<name>.path)`). */
  public addWorkspace(name: string, options: WorkspaceOptions = {}): WorkspaceReference {
    assertDnsLabel(`${this.constructPath}: workspace`, name);
    checkUnique(this.constructPath, 'workspace', name, new Set(this._workspaces.keys()));
    this._workspaces.set(name, { ...options, name });
    this._interface = undefined;
    this.changed();
    return new WorkspaceReference(name, options.optional ?? false);
  }

  /** Adds a pod volume the steps may mount; throws on a duplicate volume name. */
  public addVolume(volume: k8s.Volume): void {
    checkUnique(this.constructPath, 'volume', volume.name, new Set(this._volumes.keys()));
    this._volumes.set(volume.name, volume);
    this.changed();
  }

  /** Adds the volume of a Secret (e.g. `signingKey.toSecretVolume()`) and returns it for the steps' mounts. */
  public addSecretVolume<V extends SecretVolume>(secretVolume: V): V {
    this.addVolume(secretVolume.volume);
    return secretVolume;
  }

  /** Adds a sidecar; throws on a duplicate or reserved name. */
  public addSidecar(sidecar: Sidecar): void {
    assertDnsLabel(`${this.constructPath}: sidecar`, sidecar.name);
    if (sidecar.name === 'tekton-log-results') {
      throw new TektonConstructError('INVALID_PROPS', `${this.constructPath}: sidecar name 'tekton-log-results' is reserved by Tekton; rename it`);
    }
    if (sidecar.script !== undefined && sidecar.command !== undefined) {
      throw new TektonConstructError('INVALID_PROPS', `${this.constructPath}: sidecar '${sidecar.name}' sets both script and command; keep one`);
    }
    checkUnique(this.constructPath, 'container', sidecar.name, new Set([...this._stepNames, ...this._sidecars.map((s) => s.name)]));
    this._sidecars.push(sidecar);
    this.changed();
  }

  /**
   * Adds a step and returns a handle for its results.
   *
   * Throws on a duplicate or invalid name, a script containing `$(params.` (pass params through `env`),
   * script together with command, an inline step without image, or a StepAction step with container fields.
   */
  public addStep(options: TaskStepOptions): StepReference {
    const where = `${this.constructPath}: step '${options.name}'`;
    assertDnsLabel(`${this.constructPath}: step`, options.name);
    checkUnique(this.constructPath, 'step', options.name, this._stepNames);
    const step = options.action ? this.actionStep(where, options) : this.inlineStep(where, options);
    this._steps.push(step);
    this.changed();
    return { name: options.name, result: (r: string) => stepResultExpr(options.name, r) };
  }

  /** {@inheritDoc ITaskDefinition.bindTask} */
  public bindTask(): TaskBinding {
    return { taskRef: { name: this.name, kind: 'Task' } };
  }

  /** The spec as a model object (for embedding elsewhere, e.g. `TaskReference.fromSpec(task.toTaskSpec())`). */
  public toTaskSpec(): TaskSpec {
    const templateSecures = this.stepTemplate?.securityContext !== undefined;
    return {
      displayName: this.displayName,
      description: this.description,
      params: this.params,
      workspaces: this.workspaces,
      results: this.results,
      steps: this._steps.map((s) =>
        s.ref || s.securityContext || templateSecures ? s : { ...s, securityContext: this.defaultStepSecurityContext },
      ),
      stepTemplate: this.stepTemplate,
      sidecars: [...this._sidecars],
      volumes: [...this._volumes.values()],
    };
  }

  /** @internal */
  protected renderSpec(): JsonObject {
    return renderTaskSpec(this.toTaskSpec());
  }

  private inlineStep(where: string, options: TaskStepOptions): Step {
    if (options.params !== undefined) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: params are only allowed on a step that runs a StepAction; use env instead`);
    }
    if (!options.image) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: an inline step needs an image (pinned by digest), or an action`);
    }
    if (options.script !== undefined && options.command !== undefined) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: script and command cannot both be set; put the command in the script or drop the script`);
    }
    if (options.script !== undefined && /\$\(\s*params[.[]/.test(options.script)) {
      throw new TektonConstructError(
        'UNSAFE_SCRIPT',
        `${where}: script interpolates $(params...), which Tekton substitutes unescaped; pass the param through env (param.toEnv()) and read the variable`,
      );
    }
    const { action: _action, params: _params, ...step } = options;
    return step;
  }

  private actionStep(where: string, options: TaskStepOptions): Step {
    const forbidden = (['image', 'command', 'args', 'script', 'workingDir', 'env', 'volumeMounts', 'results'] as const).filter(
      (f) => options[f] !== undefined,
    );
    if (forbidden.length > 0) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: a step that runs a StepAction cannot set ${forbidden.join(', ')}; set them on the StepAction`);
    }
    const action = options.action!;
    const passed = new Map(Object.entries(options.params ?? {}).map(([k, v]) => [k, toParamValue(v)]));
    checkParams(where, action.displayLabel, action.stepActionInterface.params, passed, 'SA-7');
    const { action: _action, params: _params, ...rest } = options;
    return {
      ...rest,
      ref: action.bindStepAction(),
      params: [...passed].map(([name, value]) => ({ name, value })),
    };
  }
}

/** Eager checks of one param declaration (P-1 to P-6). */
export function checkParamSpec(where: string, spec: ParamSpec): void {
  const type = spec.type ?? 'string';
  assertParamName(where, spec.name, type);
  if (spec.type === 'object') {
    if (spec.properties.length === 0) failParam(where, spec.name, 'is an object param without properties; list its keys');
    for (const key of spec.properties) assertParamName(`${where}: object param '${spec.name}'`, key, 'object');
    if (spec.default !== undefined) {
      if (typeof spec.default !== 'object' || Array.isArray(spec.default)) failParam(where, spec.name, 'has a default that is not an object; give a map of its keys');
      const missing = spec.properties.filter((k) => !(k in spec.default!));
      if (missing.length > 0) failParam(where, spec.name, `has a default without keys ${missing.join(', ')}; give every key a value`);
    }
  } else if (spec.type === 'array') {
    if (spec.default !== undefined && !Array.isArray(spec.default)) failParam(where, spec.name, 'is an array param with a non-array default; give a list of strings');
  } else {
    if (spec.default !== undefined && typeof spec.default !== 'string') failParam(where, spec.name, 'is a string param with a non-string default; give a string, or set type');
    if (spec.enum) {
      if (spec.enum.length === 0) failParam(where, spec.name, 'has an empty enum; list the allowed values or drop enum');
      if (new Set(spec.enum).size !== spec.enum.length) failParam(where, spec.name, 'has duplicate enum values; list each value once');
      if (spec.default !== undefined && spec.default !== '' && !spec.enum.includes(spec.default)) {
        failParam(where, spec.name, `has default '${spec.default}' that is not in its enum (${spec.enum.join(', ')}); pick an allowed default`);
      }
    }
  }
}

/** Throws for a param declaration; a module function rather than a closure, as this check runs for every param. */
function failParam(where: string, name: string, msg: string): never {
  throw new TektonConstructError('INVALID_PROPS', `${where}: param '${name}' ${msg}`);
}
