import type {
  EmbeddedTaskSpec,
  ParamSpec,
  ResolverRef,
  TaskRef,
  TaskResultSpec,
  WorkspaceDeclaration,
} from '../tekton/index.js';

/**
 * What a Task declares, so pipeline tasks and runs can check their wiring eagerly. A missing list means
 * "unknown" (an external Task described only in part): that part is then not checked until run time.
 */
export interface TaskInterface {
  /** Declared params. @default - unknown: params are not checked */
  readonly params?: readonly ParamSpec[];
  /** Declared results (a name is enough). @default - unknown: result references are not checked */
  readonly results?: readonly (string | TaskResultSpec)[];
  /** Declared workspaces. @default - unknown: workspace bindings are not checked */
  readonly workspaces?: readonly WorkspaceDeclaration[];
}

/** How a pipeline task or TaskRun points at its Task: exactly one of the two. */
export interface TaskBinding {
  /** A reference by name or resolver. @default - not set: `taskSpec` must be */
  readonly taskRef?: TaskRef;
  /** An inline spec. @default - not set: `taskRef` must be */
  readonly taskSpec?: EmbeddedTaskSpec;
}

/**
 * Something a pipeline task or TaskRun can run: a {@link Task} construct, or a {@link TaskReference} to a Task
 * defined elsewhere (by name, by resolver, or inline).
 */
export interface ITaskDefinition {
  /** A short description for error messages, e.g. `task 'cosign-sign'`. */
  readonly displayLabel: string;
  /** What the Task declares, when known. */
  readonly taskInterface: TaskInterface;
  /** The `taskRef` or `taskSpec` to emit. */
  bindTask(): TaskBinding;
}

/**
 * References to Tasks that are not constructs in this app.
 *
 * Pass what you know about the Task's interface to get the same eager checks as with a {@link Task} construct:
 * `TaskReference.fromResolver(Resolvers.bundles({...}), { results: ['IMAGE_URL', 'IMAGE_DIGEST'] })`.
 */
export class TaskReference implements ITaskDefinition {
  /** A Task in the run's namespace, by name. */
  public static fromName(name: string, knownInterface: TaskInterface = {}): TaskReference {
    return new TaskReference(`task '${name}'`, { taskRef: { name, kind: 'Task' } }, knownInterface);
  }

  /** A remote Task fetched by a resolver (bundles, git, cluster, hub, http); see `Resolvers`. */
  public static fromResolver(ref: ResolverRef, knownInterface: TaskInterface = {}): TaskReference {
    return new TaskReference(
      `task from resolver '${ref.resolver}'`,
      { taskRef: { resolver: ref.resolver, params: ref.params } },
      knownInterface,
    );
  }

  /** An inline Task spec, embedded in the pipeline task or TaskRun. */
  public static fromSpec(spec: EmbeddedTaskSpec): TaskReference {
    return new TaskReference('inline task spec', { taskSpec: spec }, {
      params: spec.params ?? [],
      results: spec.results ?? [],
      workspaces: spec.workspaces ?? [],
    });
  }

  /** {@inheritDoc ITaskDefinition.displayLabel} */
  public readonly displayLabel: string;
  /** {@inheritDoc ITaskDefinition.taskInterface} */
  public readonly taskInterface: TaskInterface;
  private readonly binding: TaskBinding;

  private constructor(label: string, binding: TaskBinding, known: TaskInterface) {
    this.displayLabel = label;
    this.binding = binding;
    this.taskInterface = known;
  }

  /** {@inheritDoc ITaskDefinition.bindTask} */
  public bindTask(): TaskBinding {
    return this.binding;
  }
}

/** The declared result with this name, `undefined` when absent, or `'unknown'` when the interface does not say. */
export function findResult(iface: TaskInterface, name: string): TaskResultSpec | undefined | 'unknown' {
  if (!iface.results) return 'unknown';
  for (const r of iface.results) {
    const spec = typeof r === 'string' ? { name: r } : r;
    if (spec.name === name) return spec;
  }
  return undefined;
}

