import type {
  ParamSpec,
  PipelineRef,
  PipelineSpec,
  PipelineWorkspaceDeclaration,
  ResolverRef,
} from '../tekton/index.js';

/** What a Pipeline declares, for eager checks of a PipelineRun's params and workspaces. */
export interface PipelineInterface {
  /** Declared params. @default - unknown: run params are not checked */
  readonly params?: readonly ParamSpec[];
  /** Declared workspaces. @default - unknown: run workspaces are not checked */
  readonly workspaces?: readonly PipelineWorkspaceDeclaration[];
}

/** How a PipelineRun points at its Pipeline: exactly one of the two. */
export interface PipelineBinding {
  /** The Pipeline to run, by name or resolver. @default - not set: `pipelineSpec` must be */
  readonly pipelineRef?: PipelineRef;
  /** The Pipeline to run, embedded. @default - not set: `pipelineRef` must be */
  readonly pipelineSpec?: PipelineSpec;
}

/** Something a PipelineRun can run: a {@link Pipeline} construct or a {@link PipelineReference}. */
export interface IPipelineDefinition {
  /** A short description for error messages. */
  readonly displayLabel: string;
  /** What the Pipeline declares, when known. */
  readonly pipelineInterface: PipelineInterface;
  /** The `pipelineRef` or `pipelineSpec` to emit. */
  bindPipeline(): PipelineBinding;
}

/** References to Pipelines that are not constructs in this app. */
export class PipelineReference implements IPipelineDefinition {
  /** A Pipeline in the run's namespace, by name. */
  public static fromName(name: string, knownInterface: PipelineInterface = {}): PipelineReference {
    return new PipelineReference(`pipeline '${name}'`, { pipelineRef: { name } }, knownInterface);
  }

  /** A remote Pipeline fetched by a resolver; see `Resolvers`. */
  public static fromResolver(ref: ResolverRef, knownInterface: PipelineInterface = {}): PipelineReference {
    return new PipelineReference(`pipeline from resolver '${ref.resolver}'`, { pipelineRef: { resolver: ref.resolver, params: ref.params } }, knownInterface);
  }

  /** An inline Pipeline spec. */
  public static fromSpec(spec: PipelineSpec): PipelineReference {
    return new PipelineReference('inline pipeline spec', { pipelineSpec: spec }, {
      params: spec.params ?? [],
      workspaces: spec.workspaces ?? [],
    });
  }

  /** {@inheritDoc IPipelineDefinition.displayLabel} */
  public readonly displayLabel: string;
  /** {@inheritDoc IPipelineDefinition.pipelineInterface} */
  public readonly pipelineInterface: PipelineInterface;
  private readonly binding: PipelineBinding;

  private constructor(label: string, binding: PipelineBinding, known: PipelineInterface) {
    this.displayLabel = label;
    this.binding = binding;
    this.pipelineInterface = known;
  }

  /** {@inheritDoc IPipelineDefinition.bindPipeline} */
  public bindPipeline(): PipelineBinding {
    return this.binding;
  }
}
