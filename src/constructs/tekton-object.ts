import { ApiObject, type ApiObjectMetadata, Chart, JsonPatch, Lazy } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { assertObjectName, type JsonObject, type TektonKind, toDnsLabel } from '../tekton/index.js';
import {
  formatIssue,
  validateTektonObject,
  type ValidationContext,
  type ValidationIssue,
} from '../tekton/validation/index.js';
import { TektonConstructError } from './errors.js';

/**
 * Construct-context key for the Tekton feature flags that synth-time validation assumes, mirroring the cluster's
 * `feature-flags` ConfigMap: `app.node.setContext(TEKTON_FEATURE_FLAGS_CONTEXT, { 'enable-param-enum': 'true' })`.
 * Without it the validator uses Tekton v1.15's defaults.
 */
export const TEKTON_FEATURE_FLAGS_CONTEXT = 'signet:tekton-feature-flags';

/** Props every Tekton object construct accepts. */
export interface TektonObjectProps {
  /**
   * Object metadata (labels, annotations, namespace, name).
   * @default - name derived from the construct id (a stable DNS-1123 name, no hash); chart namespace and labels
   */
  readonly metadata?: ApiObjectMetadata;
}

/** One validation problem, located by construct path. */
export interface LocatedIssue extends ValidationIssue {
  /** The construct path, e.g. `app/build-and-sign/pipeline`. */
  readonly constructPath: string;
}

const NAMES_PER_CHART = new WeakMap<Chart, Map<string, string>>();

/**
 * Base of the Tekton constructs: an `ApiObject` whose `spec` is rendered lazily from the construct's state, so
 * `addXxx()` works after construction and chart labels, namespaces and JSON patches all apply.
 *
 * Each object registers a cdk8s validation that runs `validateTektonObject` on its final JSON (after patches),
 * so synth fails on Tekton errors with every problem listed at once.
 */
/** Marks Tekton objects; a symbol shared across copies of this module, like cdk8s' own ApiObject marker. */
const TEKTON_OBJECT_MARKER = Symbol.for('signet.TektonObject');

export abstract class TektonObject extends ApiObject {
  /**
   * cdk8s' `ApiObject` defines `Symbol.hasInstance` as "is any ApiObject", which subclasses inherit; without
   * this override `x instanceof TektonObject` would be true for a Secret or a Kyverno policy too.
   */
  public static override [Symbol.hasInstance](x: unknown): x is TektonObject {
    return typeof x === 'object' && x !== null && TEKTON_OBJECT_MARKER in x;
  }

  /** Every Tekton object in the tree below `scope` (any depth). */
  public static allIn(scope: IConstruct): TektonObject[] {
    return scope.node.findAll().filter((c): c is TektonObject => c instanceof TektonObject);
  }

  /**
   * Runs `fn` with Tekton validation results memoized per object, so that a synth which validates several
   * times (warnings, errors, then cdk8s' own pass) does the work once. Only for code that does not change the
   * constructs inside `fn`.
   */
  public static withValidationCache<T>(fn: () => T): T {
    const outer = TektonObject.validationCache;
    TektonObject.validationCache = outer ?? new Map();
    try {
      return fn();
    } finally {
      TektonObject.validationCache = outer;
    }
  }

  /** Runs Tekton validation on every Tekton object below `scope`: errors and warnings, in tree order. */
  public static validateAll(scope: IConstruct): LocatedIssue[] {
    return TektonObject.allIn(scope).flatMap((o) => o.validateTekton().map((i) => ({ ...i, constructPath: o.node.path })));
  }

  private static validationCache?: Map<TektonObject, ValidationIssue[]>;

  /** The Tekton kind. */
  public readonly tektonKind: TektonKind;

  protected constructor(scope: Construct, id: string, apiVersion: string, kind: TektonKind, props: TektonObjectProps) {
    const name = props.metadata?.name ?? (props.metadata?.generateName ? 'generated' : toDnsLabel(id));
    assertObjectName(`${kind} at '${scope.node.path}/${id}'`, name);
    const self: { object?: TektonObject } = {};
    super(scope, id, {
      apiVersion,
      kind,
      metadata: { ...props.metadata, name },
      spec: Lazy.any({ produce: () => self.object!.renderSpec() }),
    });
    self.object = this;
    this.tektonKind = kind;
    Object.defineProperty(this, TEKTON_OBJECT_MARKER, { value: true });
    if (props.metadata?.generateName && !props.metadata.name) {
      // runs created with `kubectl create` get a fresh name each time; cdk8s always sets one, so drop it.
      this.addJsonPatch(JsonPatch.remove('/metadata/name'));
    } else {
      this.registerName(name);
    }
    this.node.addValidation({
      validate: () => this.validateTekton().filter((i) => i.severity === 'error').map(formatIssue),
    });
  }

  /** Runs `validateTektonObject` on this object's final JSON with lookups of the objects it references. */
  public validateTekton(): ValidationIssue[] {
    const cached = TektonObject.validationCache?.get(this);
    if (cached) return cached;
    const flags = this.node.tryGetContext(TEKTON_FEATURE_FLAGS_CONTEXT) as ValidationContext['featureFlags'];
    let index: Map<string, TektonObject[]> | undefined;
    const find = (kind: TektonKind, name: string): unknown => {
      index ??= this.indexApp();
      const candidates = index.get(`${kind}/${name}`) ?? [];
      const sameNamespace = candidates.find((o) => o.metadata.namespace === this.metadata.namespace);
      return (sameNamespace ?? candidates[0])?.toJson();
    };
    const context: ValidationContext = {
      findTask: (name) => find('Task', name),
      findPipeline: (name) => find('Pipeline', name),
      findStepAction: (name) => find('StepAction', name),
      ...(flags ? { featureFlags: flags } : {}),
    };
    const issues = validateTektonObject(this.toJson(), context);
    TektonObject.validationCache?.set(this, issues);
    return issues;
  }

  /**
   * Renders `spec` from the construct's state.
   * @internal
   */
  protected abstract renderSpec(): JsonObject;

  /** Tekton objects of the whole app by `kind/name`, for the validator's lookups of referenced objects. */
  private indexApp(): Map<string, TektonObject[]> {
    const index = new Map<string, TektonObject[]>();
    for (const o of TektonObject.allIn(this.node.root)) {
      const key = `${o.tektonKind}/${o.name}`;
      index.set(key, [...(index.get(key) ?? []), o]);
    }
    return index;
  }

  private registerName(name: string): void {
    const chart = Chart.of(this);
    let names = NAMES_PER_CHART.get(chart);
    if (!names) {
      names = new Map();
      NAMES_PER_CHART.set(chart, names);
    }
    const key = `${this.tektonKind}/${this.metadata.namespace ?? ''}/${name}`;
    const previous = names.get(key);
    if (previous !== undefined) {
      throw new TektonConstructError(
        'DUPLICATE_NAME',
        `${this.node.path}: ${this.tektonKind} name '${name}' is already used by '${previous}'; give one of them another id or metadata.name`,
      );
    }
    names.set(key, this.node.path);
  }
}
