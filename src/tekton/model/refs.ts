/**
 * References to Tasks, Pipelines and StepActions: by name (same namespace) or through a resolver.
 *
 * @see https://tekton.dev/docs/pipelines/resolution/
 */
import type { Param } from './params.js';

/** Built-in resolvers of Tekton v1.15 (all enabled by default). */
export type ResolverName = 'bundles' | 'git' | 'hub' | 'cluster' | 'http';

/** A remote reference: a resolver and its params. */
export interface ResolverRef {
  /** Resolver name; custom resolvers use their own names. */
  readonly resolver: ResolverName | (string & {});
  /** Resolver params (see `Resolvers` for typed builders). */
  readonly params: readonly Param[];
}

/** `taskRef`: a local Task by name, or a remote one by resolver. */
export interface TaskRef {
  /** Name of the object in the run's namespace. @default - no name (a resolver must be set) */
  readonly name?: string;
  /** `Task`, or the kind of a custom task. @default 'Task' when a name is set */
  readonly kind?: string;
  /** Only for custom tasks, in `group/version` form. @default - not set: a Tekton Task (custom tasks set it) */
  readonly apiVersion?: string;
  /** The resolver that fetches the object. @default - none (a name must be set) */
  readonly resolver?: ResolverRef['resolver'];
  /** Params for the resolver. @default - no resolver params */
  readonly params?: readonly Param[];
}

/** `pipelineRef`: a local Pipeline by name, or a remote one by resolver. */
export interface PipelineRef {
  /** Name of the object in the run's namespace. @default - no name (a resolver must be set) */
  readonly name?: string;
  /** API version of the referenced object. @default - not set: a Tekton Pipeline */
  readonly apiVersion?: string;
  /** The resolver that fetches the object. @default - none (a name must be set) */
  readonly resolver?: ResolverRef['resolver'];
  /** Params for the resolver. @default - no resolver params */
  readonly params?: readonly Param[];
}

/** `steps[].ref`: a StepAction by name or by resolver. */
export interface StepActionRef {
  /** Name of the object in the run's namespace. @default - no name (a resolver must be set) */
  readonly name?: string;
  /** The resolver that fetches the object. @default - none (a name must be set) */
  readonly resolver?: ResolverRef['resolver'];
  /** Params for the resolver. @default - no resolver params */
  readonly params?: readonly Param[];
}
