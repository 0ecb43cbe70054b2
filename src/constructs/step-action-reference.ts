import type { ParamSpec, ResolverRef, StepActionRef, StepResultSpec } from '../tekton/index.js';

/** What a StepAction declares. */
export interface StepActionInterface {
  /** Declared params. @default - unknown: step params are not checked */
  readonly params?: readonly ParamSpec[];
  /** Declared results. @default - unknown: step results of the StepAction are not checked */
  readonly results?: readonly StepResultSpec[];
}

/** Something a step can run by `ref`: a {@link StepAction} construct or a {@link StepActionReference}. */
export interface IStepActionDefinition {
  /** A short description for error messages. */
  readonly displayLabel: string;
  /** What it declares, when known. */
  readonly stepActionInterface: StepActionInterface;
  /** The step `ref` to emit. */
  bindStepAction(): StepActionRef;
}

/** References to StepActions that are not constructs in this app. */
export class StepActionReference implements IStepActionDefinition {
  /** A StepAction in the run's namespace, by name. */
  public static fromName(name: string, knownInterface: StepActionInterface = {}): StepActionReference {
    return new StepActionReference(`step action '${name}'`, { name }, knownInterface);
  }

  /** A remote StepAction fetched by a resolver (hub and cluster document `kind: stepaction`). */
  public static fromResolver(ref: ResolverRef, knownInterface: StepActionInterface = {}): StepActionReference {
    return new StepActionReference(`step action from resolver '${ref.resolver}'`, { resolver: ref.resolver, params: ref.params }, knownInterface);
  }

  /** {@inheritDoc IStepActionDefinition.displayLabel} */
  public readonly displayLabel: string;
  /** {@inheritDoc IStepActionDefinition.stepActionInterface} */
  public readonly stepActionInterface: StepActionInterface;
  private readonly ref: StepActionRef;

  private constructor(label: string, ref: StepActionRef, known: StepActionInterface) {
    this.displayLabel = label;
    this.ref = ref;
    this.stepActionInterface = known;
  }

  /** {@inheritDoc IStepActionDefinition.bindStepAction} */
  public bindStepAction(): StepActionRef {
    return this.ref;
  }
}
