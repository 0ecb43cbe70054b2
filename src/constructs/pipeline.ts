import type { Construct } from 'constructs';
import {
  findTaskResultUses,
  type JsonObject,
  type ParamSpec,
  type PipelineResultSpec,
  type PipelineSpec,
  type PipelineWorkspaceDeclaration,
  renderPipelineSpec,
  type ResultType,
  TEKTON_API_VERSION,
  TEKTON_KINDS,
  toDnsLabel,
} from '../tekton/index.js';
import { checkAsValidated, checkParamDeclaration, checkPipelineTaskDeclaration, checkResultDeclaration, checkWorkspaceDeclaration } from './_checks.js';
import { nameKey, type ParamValueInput, stringsOf, toParamValue } from './_values.js';
import { ParamReference } from './param-reference.js';
import type { IPipelineDefinition, PipelineBinding, PipelineInterface } from './pipeline-reference.js';
import { PipelineTask, type PipelineTaskOptions, type PipelineScope } from './pipeline-task.js';
import { checkParamSpec, type ParamOptions } from './task.js';
import { TektonObject, type TektonObjectProps } from './tekton-object.js';
import { WorkspaceReference } from './workspace-reference.js';

/** Options of a Pipeline workspace (everything but the name). */
export type PipelineWorkspaceOptions = Omit<PipelineWorkspaceDeclaration, 'name'>;

/** Options of a Pipeline result. */
export interface PipelineResultOptions {
  /** Where the value comes from: task result references (`buildTask.result('IMAGE_DIGEST')`) or strings built from them. */
  readonly value: ParamValueInput;
  /** The result type. @default 'string' */
  readonly type?: ResultType;
  /** What it does, in a sentence or two. @default - no description */
  readonly description?: string;
}

/** Props of a {@link Pipeline}. */
export interface PipelineProps extends TektonObjectProps {
  /** A human-readable name for dashboards. @default - no display name: UIs show `metadata.name` */
  readonly displayName?: string;
  /** What it does, in a sentence or two. @default - no description */
  readonly description?: string;
  /** Params, as if passed to `addParam()` in order. @default - no params until `addParam()` adds them */
  readonly params?: readonly ParamSpec[];
  /** Workspaces, as if passed to `addWorkspace()` in order. @default - no workspaces until `addWorkspace()` adds them */
  readonly workspaces?: readonly PipelineWorkspaceDeclaration[];
}

/**
 * A Tekton Pipeline (`tekton.dev/v1`), wired by reference.
 *
 * `addParam`/`addWorkspace` return handles; `addTask(id, { task, params, workspaces })` returns a
 * {@link PipelineTask} whose `result(name)` feeds later tasks and adds the DAG edge. Wiring mistakes (unknown
 * params, results, workspaces or tasks; missing required params or workspaces) throw at the call that makes them.
 *
 * @see https://tekton.dev/docs/pipelines/pipelines/
 */
export class Pipeline extends TektonObject implements IPipelineDefinition {
  /** A human-readable name for dashboards. @default - not set: UIs show `metadata.name` */
  public readonly displayName?: string;
  /** What it does, in a sentence or two. @default - no `spec.description` in the manifest */
  public readonly description?: string;

  private readonly _params = new Map<string, ParamReference>();
  private readonly _workspaces = new Map<string, WorkspaceReference>();
  private readonly _workspaceSpecs: PipelineWorkspaceDeclaration[] = [];
  private readonly _tasks: PipelineTask[] = [];
  private readonly _finally: PipelineTask[] = [];
  private readonly _taskNames = new Set<string>();
  private readonly _results: PipelineResultSpec[] = [];
  private _scope?: PipelineScope;

  public constructor(scope: Construct, id: string, props: PipelineProps = {}) {
    super(scope, id, TEKTON_API_VERSION, TEKTON_KINDS.pipeline, props);
    this.displayName = props.displayName;
    this.description = props.description;
    for (const p of props.params ?? []) this.addParam(p.name, p);
    for (const w of props.workspaces ?? []) this.addWorkspace(w.name, w);
  }

  /** {@inheritDoc IPipelineDefinition.displayLabel} */
  public get displayLabel(): string {
    return `pipeline '${this.name}'`;
  }

  /** What this Pipeline declares right now. */
  public get pipelineInterface(): PipelineInterface {
    return { params: [...this._params.values()].map((p) => p.spec), workspaces: [...this._workspaceSpecs] };
  }

  /** The tasks (a copy, in order added). */
  public get tasks(): PipelineTask[] {
    return [...this._tasks];
  }

  /** The finally tasks (a copy). */
  public get finallyTasks(): PipelineTask[] {
    return [...this._finally];
  }

  /** Declares a pipeline param and returns its handle (`$(params.<name>)`). */
  public addParam(name: string, options: ParamOptions = {}): ParamReference {
    const spec = { ...options, name } as ParamSpec;
    checkParamDeclaration(this.constructPath, 'Pipeline', spec, this._params);
    checkParamSpec(this.constructPath, 'Pipeline', spec);
    const ref = new ParamReference(spec, this.constructPath);
    this._params.set(nameKey(name), ref);
    this._scope = undefined;
    this.changed();
    return ref;
  }

  /** Declares a pipeline workspace and returns its handle, for binding in `addTask()`. */
  public addWorkspace(name: string, options: PipelineWorkspaceOptions = {}): WorkspaceReference {
    checkWorkspaceDeclaration(this.constructPath, 'pipeline', name, [...this._workspaces.keys()]);
    const ref = new WorkspaceReference(name, options.optional ?? false);
    this._workspaces.set(name, ref);
    this._workspaceSpecs.push({ ...options, name });
    this.changed();
    return ref;
  }

  /** Adds a task to the DAG; its name is `options.name` or derived from `id`. */
  public addTask(id: string, options: PipelineTaskOptions): PipelineTask {
    return this.add(id, options, false);
  }

  /** Adds a finally task: it runs after all tasks, whatever their outcome, and may read their results and status. */
  public addFinally(id: string, options: PipelineTaskOptions): PipelineTask {
    return this.add(id, options, true);
  }

  /** Declares a pipeline result; its value must reference task results (`task.result('X')`). */
  public addResult(name: string, options: PipelineResultOptions): void {
    checkResultDeclaration(this.constructPath, 'pipeline', name, this._results.map((r) => r.name));
    const value = toParamValue(options.value);
    const result = { name, value, type: options.type, description: options.description };
    // PRES-1 and PRES-2 word what the checks here find wrong
    const judge = (): void => {
      const manifest = { apiVersion: this.apiVersion, kind: this.kind, metadata: { name: this.name }, spec: renderPipelineSpec({ ...this.toPipelineSpec(), results: [...this._results, result] }) };
      checkAsValidated(this.constructPath, manifest, `spec.results[${name}]`, { 'PRES-1': 'INVALID_PROPS', 'PRES-2': 'UNKNOWN_TASK' });
    };
    const texts = stringsOf(value);
    if (!texts.some((t) => /\$\((tasks|finally)\./.test(t))) judge();
    for (const t of texts) {
      for (const use of findTaskResultUses(t)) {
        const producer = this.findTask(use.task);
        if (!producer) judge();
        producer?.result(use.result);
      }
    }
    this._results.push(result);
    this.changed();
  }

  /** {@inheritDoc IPipelineDefinition.bindPipeline} */
  public bindPipeline(): PipelineBinding {
    return { pipelineRef: { name: this.name } };
  }

  /** The spec as a model object. */
  public toPipelineSpec(): PipelineSpec {
    return {
      displayName: this.displayName,
      description: this.description,
      params: [...this._params.values()].map((p) => p.spec),
      workspaces: [...this._workspaceSpecs],
      tasks: this._tasks.map((t) => t.toModel()),
      finally: this._finally.map((t) => t.toModel()),
      results: [...this._results],
    };
  }

  /** @internal */
  protected renderSpec(): JsonObject {
    return renderPipelineSpec(this.toPipelineSpec());
  }

  private findTask(name: string): PipelineTask | undefined {
    return this._tasks.find((t) => t.name === name) ?? this._finally.find((t) => t.name === name);
  }

  private add(id: string, options: PipelineTaskOptions, isFinally: boolean): PipelineTask {
    const name = options.name ?? toDnsLabel(id);
    checkPipelineTaskDeclaration(this.constructPath, name, isFinally, this._taskNames);
    // shared by the pipeline's tasks until a param is added (the workspaces and tasks it sees are live)
    this._scope ??= {
      path: this.constructPath,
      paramKeys: new Set(this._params.keys()),
      workspaces: this._workspaces,
      findTask: (n) => this._tasks.find((t) => t.name === n),
      changed: () => this.changed(),
      judged: (task, isFinally) => {
        const spec = this.toPipelineSpec();
        const withTask = isFinally ? { ...spec, finally: [...(spec.finally ?? []), task] } : { ...spec, tasks: [...(spec.tasks ?? []), task] };
        return { apiVersion: this.apiVersion, kind: this.kind, metadata: { name: this.name }, spec: renderPipelineSpec(withTask) };
      },
    };
    const task = new PipelineTask(this._scope, name, options, isFinally);
    this._taskNames.add(name);
    (isFinally ? this._finally : this._tasks).push(task);
    this.changed();
    return task;
  }
}
