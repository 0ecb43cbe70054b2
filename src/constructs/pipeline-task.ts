import {
  findParamUses,
  findTaskResultUses,
  type OnError,
  type Param,
  type ParamValue,
  type PipelineTaskSpec as PipelineTaskModel,
  taskReasonExpr,
  type TaskResultUse,
  taskStatusExpr,
  type WhenExpression,
  type WorkspaceDeclaration,
  type WorkspacePipelineTaskBinding,
  TEKTON_API_VERSION,
  type JsonObject,
} from '../tekton/index.js';
import { checkAsValidated, checkParams, interfaceContext, throwAsValidated } from './_checks.js';
import { nameKey, type ParamValueInput, type StringInput, str, stringsOf, toParamValue } from './_values.js';
import { TektonConstructError, type TektonConstructErrorCode } from './errors.js';
import { TaskResultReference } from './task-result-reference.js';
import { findResult, type ITaskDefinition } from './task-reference.js';
import type { WorkspaceReference } from './workspace-reference.js';

/** A guard as `addTask()` takes it; `input` and `values` may be handles. */
export type WhenInput =
  | { readonly input: StringInput; readonly operator: 'in' | 'notin'; readonly values: readonly StringInput[] }
  | { readonly cel: string };

/** Binds a Task workspace to a Pipeline workspace, optionally to a sub-directory of it. */
export type PipelineTaskWorkspaceInput =
  | WorkspaceReference
  | string
  | { readonly workspace: WorkspaceReference | string; readonly subPath: string };

/** Matrix fan-out as `addTask()` takes it. */
export interface MatrixInput {
  /** Array-valued params to combine (literal arrays or `$(params.x[*])`/array result expressions). @default - no `params`: the matrix fans out only over `include` */
  readonly params?: Readonly<Record<string, ParamValueInput>>;
  /** Extra combinations. @default - no extra combinations */
  readonly include?: readonly { readonly name?: string; readonly params: Readonly<Record<string, StringInput>> }[];
}

/** Options of `pipeline.addTask()` and `pipeline.addFinally()`. */
export interface PipelineTaskOptions {
  /** The Task to run: a `Task` construct, or a `TaskReference` (by name, resolver or inline spec). */
  readonly task: ITaskDefinition;
  /** Pipeline task name. @default - derived from the id (a DNS-1123 label) */
  readonly name?: string;
  /** A human-readable name for dashboards. @default - no display name: UIs show the pipeline task name */
  readonly displayName?: string;
  /** What it does, in a sentence or two. @default - no description */
  readonly description?: string;
  /** Params by Task param name; values may be handles or template literals built from them. @default - no params: every Task param needs a default */
  readonly params?: Readonly<Record<string, ParamValueInput>>;
  /** Task workspace name → Pipeline workspace (handle or name). @default - no bindings: every required Task workspace must be optional */
  readonly workspaces?: Readonly<Record<string, PipelineTaskWorkspaceInput>>;
  /**
   * Tasks that must finish first when no data flows between them (data edges come from result references).
   * Not allowed on finally tasks.
   * @default - ordered only by the results it reads
   */
  readonly runAfter?: readonly PipelineTask[];
  /** Guards. @default - always runs */
  readonly when?: readonly WhenInput[];
  /** Retries on failure. @default 0 */
  readonly retries?: number;
  /** Go duration per attempt, e.g. `10m`. @default - the run's tasks timeout */
  readonly timeout?: string;
  /** What a failure of this task does to the Pipeline: stop and fail, or continue. @default 'stopAndFail' */
  readonly onError?: OnError;
  /** Matrix fan-out (beta). @default - no matrix: the Task runs once */
  readonly matrix?: MatrixInput;
}

/**
 * What a pipeline task needs to know about its Pipeline.
 * @internal
 */
export interface PipelineScope {
  readonly path: string;
  /** The pipeline's param names as {@link nameKey} keys (Tekton compares them case-insensitively). */
  readonly paramKeys: ReadonlySet<string>;
  readonly workspaces: ReadonlyMap<string, WorkspaceReference>;
  /** A task of `tasks` (not finally) by name. */
  findTask(name: string): PipelineTask | undefined;
  /** Records that the pipeline's rendering changed (for its validation cache). */
  changed(): void;
  /** The Pipeline's manifest with `task` added, for the eager checks to judge as the validator does. */
  judged(task: PipelineTaskModel, isFinally: boolean): JsonObject;
}

/** Placeholder for matrix params in eager param checks: a whole expression passes the type check. */
const MATRIX_VALUE = '$(matrix)';

/**
 * A task in a Pipeline's DAG (or its finally list): the handle `pipeline.addTask()` returns.
 *
 * `result('IMAGE_DIGEST')` gives a reference rendering `$(tasks.<name>.results.IMAGE_DIGEST)`; using it in
 * another task adds the DAG edge.
 */
export class PipelineTask {
  /** The pipeline task name. */
  public readonly name: string;
  /** Whether it is a finally task. */
  public readonly isFinally: boolean;
  /** The Task it runs. */
  public readonly definition: ITaskDefinition;

  private readonly scope: PipelineScope;
  private readonly options: PipelineTaskOptions;
  private readonly params: ReadonlyMap<string, ParamValue>;
  private readonly dataDependencies = new Set<string>();
  private readonly orderDependencies: string[] = [];

  /** @internal */
  public constructor(scope: PipelineScope, name: string, options: PipelineTaskOptions, isFinally: boolean) {
    this.scope = scope;
    this.name = name;
    this.options = options;
    this.isFinally = isFinally;
    this.definition = options.task;
    const where = `${scope.path}: pipeline task '${name}'`;

    const params = new Map<string, ParamValue>();
    if (options.params) for (const key of Object.keys(options.params)) params.set(key, toParamValue(options.params[key] as ParamValueInput));
    this.params = params;
    const passed = options.matrix?.params === undefined ? params : withMatrixParams(params, options.matrix.params);
    // the rule's wording (which needs the Task's binding) only matters when a check fails
    const rule = {
      id: 'PT-11',
      path: `spec.${isFinally ? 'finally' : 'tasks'}[${name}].params`,
      get what(): string {
        return taskOrigin(options.task);
      },
    } as const;
    checkParams(where, options.task.displayLabel, options.task.taskInterface.params, passed, rule, (fallback) =>
      this.judge({ 'PT-13': 'UNKNOWN_PARAM' }, 'UNKNOWN_PARAM', fallback),
    );

    for (const text of this.expressionStrings()) this.checkExpressions(where, text);
    this.checkWorkspaces();
    this.checkRunAfter(where, options.runAfter ?? []);
    if (options.retries !== undefined && (!Number.isInteger(options.retries) || options.retries < 0)) {
      this.judgeExecution({ 'PT-14': 'INVALID_PROPS' }, `pipeline task '${name}': retries must be a whole number ≥ 0, got ${options.retries}`);
    }
    if (options.onError === 'continue' && (options.retries ?? 0) > 0) this.judgeExecution({ 'PT-9': 'INVALID_PROPS' });
  }

  /**
   * Throws the validator's issue (one of `rules`) about this task, judged in its Pipeline with the Task it runs, for a
   * mistake a check here found; `fallback` (the construct's own, stricter check) when no rule reports it.
   */
  private judge(rules: Readonly<Record<string, TektonConstructErrorCode>>, code: TektonConstructErrorCode, fallback: string): never {
    const manifest = this.scope.judged(this.toModel(), this.isFinally);
    const path = `spec.${this.isFinally ? 'finally' : 'tasks'}[${this.name}]`;
    return throwAsValidated(this.scope.path, manifest, path, rules, { code, message: `pipeline task '${this.name}': ${fallback}` }, interfaceContext(this.definition));
  }

  /**
   * Throws the validator's issue (FIN-1, PT-9, PT-14) about this task's runAfter, retries and onError, found wrong by
   * the checks here: it judges a Pipeline that holds only this task's execution fields. `fallback` for what no rule covers.
   */
  private judgeExecution(rules: Readonly<Record<string, TektonConstructErrorCode>>, fallback?: string): void {
    const { retries, onError, runAfter } = this.options;
    const pt = { name: this.name, taskRef: { name: 'task' }, retries, onError, runAfter: runAfter?.map((t) => t.name) };
    const spec = this.isFinally ? { tasks: [{ name: `${this.name}-before`, taskRef: { name: 'task' } }], finally: [pt] } : { tasks: [pt] };
    const manifest = { apiVersion: TEKTON_API_VERSION, kind: 'Pipeline', metadata: { name: 'pipeline' }, spec: JSON.parse(JSON.stringify(spec)) as JsonObject };
    const path = `spec.${this.isFinally ? 'finally' : 'tasks'}[${this.name}]`;
    if (fallback === undefined) checkAsValidated(this.scope.path, manifest, path, rules);
    else throwAsValidated(this.scope.path, manifest, path, rules, { code: 'INVALID_PROPS', message: fallback });
  }

  /** Names of the pipeline tasks this one waits for: result references and runAfter, sorted. */
  public get dependencies(): string[] {
    return [...new Set([...this.dataDependencies, ...this.orderDependencies])].sort();
  }

  /**
   * A reference to a result of this task; throws when the Task is known not to declare it.
   *
   * On a finally task it renders `$(finally.<task>.results.<name>)`, which only pipeline results may use.
   */
  public result(name: string): TaskResultReference {
    const found = findResult(this.definition.taskInterface, name);
    if (found === undefined) {
      const declared = (this.definition.taskInterface.results ?? []).map((r) => (typeof r === 'string' ? r : r.name));
      throw new TektonConstructError(
        'UNKNOWN_RESULT',
        `${this.scope.path}: pipeline task '${this.name}' has no result '${name}' (${this.definition.displayLabel} declares: ${declared.join(', ') || 'none'}); add the result to the Task or use a declared one`,
      );
    }
    const spec = found === 'unknown' ? undefined : found;
    const type = spec ? (spec.type ?? (spec.properties ? 'object' : 'string')) : undefined;
    return new TaskResultReference(this.name, name, type, spec?.properties, this.isFinally);
  }

  /** `$(tasks.<name>.status)`: Succeeded, Failed or None; only usable in finally tasks. */
  public get status(): string {
    return taskStatusExpr(this.name);
  }

  /** `$(tasks.<name>.reason)`; only usable in finally tasks. */
  public get reason(): string {
    return taskReasonExpr(this.name);
  }

  /** Adds ordering edges (no data); throws on finally tasks and on tasks of other pipelines. */
  public addRunAfter(...tasks: PipelineTask[]): void {
    this.checkRunAfter(`${this.scope.path}: pipeline task '${this.name}'`, tasks);
    this.scope.changed();
  }

  /**
   * The model form of this pipeline task.
   * @internal
   */
  public toModel(): PipelineTaskModel {
    const o = this.options;
    const binding = o.task.bindTask();
    return {
      name: this.name,
      displayName: o.displayName,
      description: o.description,
      taskRef: binding.taskRef,
      taskSpec: binding.taskSpec,
      params: [...this.params].map(([name, value]): Param => ({ name, value })),
      matrix: o.matrix ? renderMatrix(o.matrix) : undefined,
      workspaces: this.workspaceBindings(),
      runAfter: this.orderDependencies,
      when: o.when?.map(renderWhenInput),
      retries: o.retries,
      timeout: o.timeout,
      onError: o.onError,
    };
  }

  private expressionStrings(): string[] {
    const o = this.options;
    const out: string[] = [];
    for (const v of this.params.values()) out.push(...stringsOf(v));
    for (const w of o.when ?? []) {
      if ('cel' in w) out.push(w.cel);
      else out.push(str(w.input), ...w.values.map(str));
    }
    for (const v of Object.values(o.matrix?.params ?? {})) out.push(...stringsOf(toParamValue(v)));
    for (const inc of o.matrix?.include ?? []) out.push(...Object.values(inc.params).map(str));
    return out;
  }

  private checkExpressions(where: string, text: string): void {
    const uses = expressionUses(text);
    for (const use of uses.results) {
      if (use.task === this.name) {
        throw new TektonConstructError('INVALID_PROPS', `${where}: uses its own result '${use.result}'; a task cannot depend on itself`);
      }
      const producer = this.scope.findTask(use.task);
      if (!producer) {
        this.judge({ 'DAG-2': 'UNKNOWN_TASK', 'FIN-2': 'UNKNOWN_TASK' }, 'UNKNOWN_TASK',
          `references results of '${use.task}', which is not an earlier task of this pipeline; add that task first (finally tasks cannot be referenced)`);
      }
      // result() throws the UNKNOWN_RESULT error; a declared (or unknowable) result needs no reference object
      if (findResult(producer.definition.taskInterface, use.result) === undefined) producer.result(use.result);
      this.dataDependencies.add(use.task);
    }
    for (const param of uses.params) {
      if (!this.scope.paramKeys.has(nameKey(param))) {
        this.judge({ 'PT-7': 'UNKNOWN_PARAM' }, 'UNKNOWN_PARAM',
          `uses pipeline param '${param}', which the pipeline does not declare; add it with pipeline.addParam('${param}') first`);
      }
    }
  }

  private checkWorkspaces(): void {
    const declared = this.definition.taskInterface.workspaces;
    const given = this.options.workspaces ?? {};
    const byName = declared === undefined ? undefined : workspacesByName(declared);
    for (const taskWs of Object.keys(given)) {
      if (declared && !byName!.has(taskWs)) {
        this.judge({ 'WS-7': 'UNKNOWN_WORKSPACE' }, 'UNKNOWN_WORKSPACE',
          `${this.definition.displayLabel} has no workspace '${taskWs}'; declared workspaces: ${declared.map((w) => w.name).join(', ') || 'none'}`);
      }
      const pipelineWs = workspaceNameOf(given[taskWs] as PipelineTaskWorkspaceInput);
      const ref = this.scope.workspaces.get(pipelineWs);
      if (!ref) {
        this.judge({ 'WS-4': 'UNKNOWN_WORKSPACE' }, 'UNKNOWN_WORKSPACE',
          `binds pipeline workspace '${pipelineWs}', which the pipeline does not declare; add it with pipeline.addWorkspace('${pipelineWs}') first`);
      }
      if (ref.optional && byName?.get(taskWs) && !byName.get(taskWs)!.optional) {
        this.judge({ 'WS-9': 'INVALID_PROPS' }, 'INVALID_PROPS',
          `optional pipeline workspace '${pipelineWs}' feeds required task workspace '${taskWs}'; make the pipeline workspace required`);
      }
    }
    for (const ws of declared ?? []) {
      if (!ws.optional && !(ws.name in given)) {
        this.judge({ 'WS-7': 'MISSING_WORKSPACE' }, 'MISSING_WORKSPACE',
          `required workspace '${ws.name}' of ${this.definition.displayLabel} is not bound; bind it in workspaces`);
      }
    }
  }

  private checkRunAfter(where: string, tasks: readonly PipelineTask[]): void {
    if (tasks.length > 0 && this.isFinally) this.judgeExecution({ 'FIN-1': 'INVALID_PROPS' });
    for (const t of tasks) {
      if (t === this || this.scope.findTask(t.name) !== t) {
        throw new TektonConstructError(
          'UNKNOWN_TASK',
          `${where}: runAfter '${t.name}' is not an earlier task of this pipeline; pass tasks added to the same pipeline before this one`,
        );
      }
      if (!this.orderDependencies.includes(t.name)) this.orderDependencies.push(t.name);
    }
  }

  private workspaceBindings(): WorkspacePipelineTaskBinding[] {
    return Object.entries(this.options.workspaces ?? {}).map(([name, input]) => {
      const workspace = workspaceNameOf(input);
      const subPath = typeof input === 'object' && 'subPath' in input ? input.subPath : undefined;
      return { name, workspace, subPath };
    });
  }
}

/** What a string references; the same strings recur in every pipeline, so scans are kept (bounded). */
interface ExpressionUses {
  readonly results: readonly TaskResultUse[];
  readonly params: readonly string[];
}

const USES = new Map<string, ExpressionUses>();
const USES_LIMIT = 20_000;
const NO_USES: ExpressionUses = { results: [], params: [] };

function expressionUses(text: string): ExpressionUses {
  if (!text.includes('$(')) return NO_USES;
  let uses = USES.get(text);
  if (!uses) {
    uses = { results: findTaskResultUses(text), params: findParamUses(text) };
    if (USES.size >= USES_LIMIT) USES.clear();
    USES.set(text, uses);
  }
  return uses;
}

/** A Task's declared workspaces by name; kept for frozen lists (a Task's interface), which cannot change. */
const WORKSPACES_BY_NAME = new WeakMap<readonly WorkspaceDeclaration[], ReadonlyMap<string, WorkspaceDeclaration>>();

function workspacesByName(declared: readonly WorkspaceDeclaration[]): ReadonlyMap<string, WorkspaceDeclaration> {
  const kept = WORKSPACES_BY_NAME.get(declared);
  if (kept) return kept;
  const byName = new Map(declared.map((w): [string, WorkspaceDeclaration] => [w.name, w]));
  if (Object.isFrozen(declared)) WORKSPACES_BY_NAME.set(declared, byName);
  return byName;
}

/** The params the eager check sees for a matrix task: the matrix params pass as whole expressions. */
function withMatrixParams(params: ReadonlyMap<string, ParamValue>, matrix: Readonly<Record<string, ParamValueInput>>): ReadonlyMap<string, ParamValue> {
  const passed = new Map(params);
  for (const key of Object.keys(matrix)) passed.set(key, MATRIX_VALUE);
  return passed;
}

function workspaceNameOf(input: PipelineTaskWorkspaceInput): string {
  if (typeof input === 'string') return input;
  if ('subPath' in input) return typeof input.workspace === 'string' ? input.workspace : input.workspace.name;
  return input.name;
}

function renderWhenInput(w: WhenInput): WhenExpression {
  if ('cel' in w) return { cel: w.cel };
  return { input: str(w.input), operator: w.operator, values: w.values.map(str) };
}

function renderMatrix(m: MatrixInput): PipelineTaskModel['matrix'] {
  return {
    params: Object.entries(m.params ?? {}).map(([name, v]) => ({ name, value: toParamValue(v) })),
    include: m.include?.map((inc) => ({
      name: inc.name,
      params: Object.entries(inc.params).map(([name, v]) => ({ name, value: str(v) })),
    })),
  };
}

/** The referenced Task as the validator names it in messages (`Task "build"`, `inline taskSpec`). */
function taskOrigin(definition: ITaskDefinition): string {
  const { taskRef, taskSpec } = definition.bindTask();
  if (taskSpec !== undefined) return 'inline taskSpec';
  return taskRef?.name !== undefined && taskRef.resolver === undefined ? `Task "${taskRef.name}"` : definition.displayLabel;
}
