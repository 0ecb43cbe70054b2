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
import { suppressRule } from './suppress-rule.js';
import { watchForeignTektonObjects } from './foreign-tekton-objects.js';
import { PassTracker } from './_validation-passes.js';
import { lookupByKey, tektonObjectAdded, ValidationSession } from './_validation-session.js';

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

/** Tekton objects per chart by kind, namespace and name (their paths are computed only for the error). */
const NAMES_PER_CHART = new WeakMap<Chart, Map<string, IConstruct>>();
/** Roots that carry the validation which marks the start of a cdk8s validation pass. */
const ROOTS_WITH_PASS_START = new WeakSet<IConstruct>();

/** Marks Tekton objects; a symbol shared across copies of this module, like cdk8s' own ApiObject marker. */
const TEKTON_OBJECT_MARKER = Symbol.for('signet.TektonObject');

/**
 * Base of the Tekton constructs: an `ApiObject` whose `spec` is rendered lazily from the construct's state, so
 * `addXxx()` works after construction and chart labels, namespaces and JSON patches all apply.
 *
 * Each object registers a cdk8s validation that runs `validateTektonObject` on its final JSON (after patches),
 * so synth fails on Tekton errors with every problem listed at once.
 */
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
   * Runs `fn` with Tekton validation memoized per object, so that a synth which validates several times
   * (warnings, errors, then cdk8s' own pass) does the work once: each object's issues, and its rendered manifest,
   * which `toJson()` then returns again (the same object) and which validations of referencing objects reuse.
   * Only for code that does not change the constructs inside `fn`, nor the JSON `toJson()` returns.
   */
  public static withValidationCache<T>(fn: () => T): T {
    const outer = TektonObject.session;
    TektonObject.session = outer ?? new ValidationSession();
    try {
      return fn();
    } finally {
      TektonObject.session = outer;
    }
  }

  /** Runs Tekton validation on every Tekton object below `scope`: errors and warnings, in tree order. */
  public static validateAll(scope: IConstruct): LocatedIssue[] {
    // nothing changes the constructs while this loop runs, so the objects share one session.
    return TektonObject.withValidationCache(() =>
      TektonObject.allIn(scope).flatMap((o) => o.validateTekton().map((i) => ({ ...i, constructPath: o.node.path }))),
    );
  }

  /** The session of the running `withValidationCache` call. */
  private static session?: ValidationSession<TektonObject>;
  /** The cdk8s validation pass in progress, when no `withValidationCache` session is. */
  private static readonly pass = new PassTracker<TektonObject>();

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
      spec: Lazy.any({
        produce() {
          return self.object!.renderSpec();
        },
      }),
    });
    self.object = this;
    watchForeignTektonObjects(this);
    this.tektonKind = kind;
    tektonObjectAdded();
    TektonObject.markPassStart(this.node.root);
    if (props.metadata?.generateName && !props.metadata.name) {
      // runs created with `kubectl create` get a fresh name each time; cdk8s always sets one, so drop it.
      this.addJsonPatch(JsonPatch.remove('/metadata/name'));
    } else {
      this.registerName(name);
    }
    const object = this;
    this.node.addValidation({
      validate() {
        return object.validateInPass().filter((i) => i.severity === 'error').map(formatIssue);
      },
    });
  }

  /**
   * The root's validation runs first in every cdk8s validation pass: it starts the pass in which the objects'
   * hooks share one session (unless a `withValidationCache` session is already running).
   */
  private static markPassStart(root: IConstruct): void {
    if (ROOTS_WITH_PASS_START.has(root)) return;
    ROOTS_WITH_PASS_START.add(root);
    root.node.addValidation({
      validate: () => {
        if (!TektonObject.session) TektonObject.pass.begin(root, () => TektonObject.allIn(root));
        return [];
      },
    });
  }

  /**
   * `node.path`, computed once: the constructs' checks put it in every error message they might throw.
   * @internal
   */
  protected get constructPath(): string {
    this._constructPath ??= this.node.path;
    return this._constructPath;
  }

  private _constructPath?: string;

  /**
   * Suppresses a validation rule for this object, with the reason: renders the `signet.dev/ignore` annotation,
   * so the findings are reported as suppressed (by synth and by `signet lint` of the output) and do not fail.
   * Structural rules (SCH-*) cannot be suppressed. See {@link suppressRule}.
   */
  public suppress(ruleId: string, reason: string): this {
    suppressRule(this, ruleId, reason);
    return this;
  }

  /** Runs `validateTektonObject` on this object's final JSON with lookups of the objects it references. */
  public validateTekton(): ValidationIssue[] {
    return this.validateIn(TektonObject.session);
  }

  /**
   * The manifest, as `ApiObject.toJson()` renders it; inside `withValidationCache`, rendered once and returned
   * again on later calls.
   */
  public override toJson(): any {
    const session = TektonObject.session;
    return session ? this.manifestIn(session) : super.toJson();
  }

  /** The validation hook's work: inside a cdk8s validation pass, shares the pass's session. */
  private validateInPass(): ValidationIssue[] {
    if (TektonObject.session) return this.validateIn(TektonObject.session);
    const session = TektonObject.pass.take(this);
    try {
      return this.validateIn(session);
    } catch (error) {
      TektonObject.pass.end();
      throw error;
    }
  }

  private validateIn(session: ValidationSession<TektonObject> | undefined): ValidationIssue[] {
    const cached = session?.issues.get(this);
    if (cached) return cached;
    const flags = this.node.tryGetContext(TEKTON_FEATURE_FLAGS_CONTEXT) as ValidationContext['featureFlags'];
    const root = this.node.root;
    const namespace = this.metadata.namespace;
    let context: ValidationContext;
    if (session) {
      // one context per root, flags and namespace: its lookups are cached in the session too.
      context = session.context(root, flags, namespace, () => TektonObject.lookupContext(root, namespace, flags, session));
    } else {
      context = TektonObject.lookupContext(root, namespace, flags, undefined);
    }
    const issues = validateTektonObject(session ? this.manifestIn(session) : this.toJson(), context);
    session?.issues.set(this, issues);
    return issues;
  }

  /** The validator's lookups of referenced objects by name, preferring the same namespace, then tree order. */
  private static lookupContext(
    root: IConstruct,
    namespace: string | undefined,
    flags: ValidationContext['featureFlags'],
    session: ValidationSession<TektonObject> | undefined,
  ): ValidationContext {
    const lookup = (kind: TektonKind, name: string): TektonObject | undefined => {
      const candidates = lookupByKey(root, `${kind}/${name}`, () => TektonObject.allIn(root).map((o) => [`${o.tektonKind}/${o.name}`, o]));
      return candidates.find((o) => o.metadata.namespace === namespace) ?? candidates[0];
    };
    const found = new Map<string, TektonObject | undefined>();
    const find = (kind: TektonKind, name: string): unknown => {
      if (!session) return lookup(kind, name)?.toJson();
      const key = `${kind}/${name}`;
      let object = found.get(key);
      if (object === undefined && !found.has(key)) {
        object = lookup(kind, name);
        found.set(key, object);
      }
      return object?.manifestIn(session);
    };
    return {
      findTask: (name) => find('Task', name),
      findPipeline: (name) => find('Pipeline', name),
      findStepAction: (name) => find('StepAction', name),
      ...(session ? { memo: session.memo } : {}),
      ...(flags ? { featureFlags: flags } : {}),
    };
  }

  /** This object's manifest, rendered once per session. */
  private manifestIn(session: ValidationSession<TektonObject>): unknown {
    if (session.manifests.has(this)) return session.manifests.get(this);
    const manifest: unknown = super.toJson();
    session.manifests.set(this, manifest);
    return manifest;
  }

  /**
   * Renders `spec` from the construct's state.
   * @internal
   */
  protected abstract renderSpec(): JsonObject;

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
        `${this.node.path}: ${this.tektonKind} name '${name}' is already used by '${previous.node.path}'; give one of them another id or metadata.name`,
      );
    }
    names.set(key, this);
  }
}
// on the prototype, so every Tekton object carries it without a per-instance property.
Object.defineProperty(TektonObject.prototype, TEKTON_OBJECT_MARKER, { value: true });
