import { ApiObject, type ApiObjectMetadata, ApiObjectMetadataDefinition, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { type JsonObject, type TektonKind, toDnsLabel } from '../tekton/index.js';
import { checkObjectName } from './_checks.js';
import {
  formatIssue,
  validateTektonObject,
  type ValidationContext,
  type ValidationIssue,
} from '../tekton/validation/index.js';
import { TektonConstructError } from './errors.js';
import { suppressRule } from './suppress-rule.js';
import { watchForeignTektonObjects } from './foreign-tekton-objects.js';
import { hasDefaultResolvers, manifestJson } from './_manifest-json.js';
import { type Resolution, TektonRegistry } from './_tekton-registry.js';

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

/** Marks Tekton objects; a symbol shared across copies of this module, like cdk8s' own ApiObject marker. */
const TEKTON_OBJECT_MARKER = Symbol.for('signet.TektonObject');

/** The metadata methods that change what an object renders (labels and annotations are validated too). */
const METADATA_MUTATORS = ['add', 'addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference'] as const;
/** The Tekton object a metadata definition belongs to. */
const METADATA_OWNER = Symbol('signet.TektonObject.metadataOwner');
type OwnedMetadata = ApiObjectMetadataDefinition & { [METADATA_OWNER]: TektonObject };
/**
 * The prototype a Tekton object's metadata gets: cdk8s' own, with each mutating method wrapped (call it, then
 * record the change). One shared prototype instead of a property per method on every object.
 */
const WATCHED_METADATA_PROTOTYPE: object = Object.create(
  ApiObjectMetadataDefinition.prototype,
  Object.fromEntries(
    METADATA_MUTATORS.map((method) => {
      const original = ApiObjectMetadataDefinition.prototype[method] as (...args: unknown[]) => unknown;
      function changesMetadata(this: OwnedMetadata, ...args: unknown[]): unknown {
        const result = original.apply(this, args);
        this[METADATA_OWNER].metadataChanged();
        return result;
      }
      return [method, { value: changesMetadata, writable: true, configurable: true }];
    }),
  ),
);

/** The validation cdk8s runs for an object: its errors, formatted. */
class TektonValidationHook {
  public constructor(private readonly object: TektonObject) {}

  public validate(): string[] {
    // cdk8s validates the whole app again for every chart it synthesizes: this runs charts × objects times,
    // so it hands out the (frozen) errors of the last validation instead of a copy.
    return this.object.validationErrors() as string[];
  }
}

/** The kind/name key of the index the registry keeps. */
function indexEntries(root: IConstruct): Array<readonly [string, TektonObject]> {
  return TektonObject.allIn(root).map((o) => [`${o.tektonKind}/${o.name}`, o] as const);
}

function namespaceOf(o: TektonObject): string | undefined {
  return o.metadata.namespace;
}

/** A referenced object a validation looked up, and the revision it saw. */
interface Reference {
  readonly kind: TektonKind;
  readonly name: string;
  readonly resolution: Resolution<TektonObject>;
  readonly revision: number;
}

/** What an object's last validation saw, and found. */
interface Validated {
  /** The registry version it was last confirmed at: while the tree has not changed, nothing needs checking. */
  version: number;
  readonly revision: number;
  readonly flags: ValidationContext['featureFlags'];
  readonly references: readonly Reference[];
  readonly issues: readonly ValidationIssue[];
  /** The errors, formatted for cdk8s' validation report. */
  readonly errors: readonly string[];
}

/**
 * Base of the Tekton constructs: an `ApiObject` whose `spec` is rendered lazily from the construct's state, so
 * `addXxx()` works after construction and chart labels, namespaces and JSON patches all apply.
 *
 * Each object registers a cdk8s validation that runs `validateTektonObject` on its final JSON (after patches),
 * so synth fails on Tekton errors with every problem listed at once.
 *
 * Each object carries a revision, bumped by every method that changes what it renders (its `addXxx()`
 * methods, `addJsonPatch`, the metadata's `addLabel`/`addAnnotation`/…). Its rendered manifest and its last
 * validation are kept with the revisions they saw, including those of the objects the validation looked up by
 * name; so however often cdk8s validates during one synth (once, then once more per chart), each object is
 * rendered and validated once, and any change in between is seen. What a construct renders must therefore
 * change only through its methods: values a `Lazy` produces, and objects passed in props, are read once per
 * revision.
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

  /** Runs Tekton validation on every Tekton object below `scope`: errors and warnings, in tree order. */
  public static validateAll(scope: IConstruct): LocatedIssue[] {
    return TektonObject.allIn(scope).flatMap((o) => o.validation().issues.map((i) => ({ ...i, constructPath: o.node.path })));
  }

  /** The Tekton kind. */
  public readonly tektonKind: TektonKind;

  private readonly registry: TektonRegistry<TektonObject>;
  private revision = 0;
  private patched = false;
  /** The metadata holds a name and at most a namespace: its rendering is known (see {@link renderMetadata}). */
  private metadataNameOnly: boolean;
  private rendered?: { readonly revision: number; readonly manifest: unknown };
  private validated?: Validated;

  protected constructor(scope: Construct, id: string, apiVersion: string, kind: TektonKind, props: TektonObjectProps) {
    const name = props.metadata?.name ?? (props.metadata?.generateName ? 'generated' : toDnsLabel(id));
    checkObjectName(scope.node.path === '' ? id : `${scope.node.path}/${id}`, name);
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
    // cdk8s adds the chart's labels to every object's metadata at creation
    const chartLabels = Chart.of(this).labels;
    this.metadataNameOnly = Object.keys(props.metadata ?? {}).every((key) => key === 'name' || key === 'namespace') && Object.keys(chartLabels).length === 0;
    watchForeignTektonObjects(this);
    this.tektonKind = kind;
    this.registry = TektonRegistry.of(this);
    this.watchMetadata();
    if (props.metadata?.generateName && !props.metadata.name) {
      // runs created with `kubectl create` get a fresh name each time; cdk8s always sets one, so drop it.
      this.addJsonPatch(JsonPatch.remove('/metadata/name'));
      this.registry.add(Chart.of(this), undefined, this);
    } else {
      this.registerName(name);
    }
    this.node.addValidation(new TektonValidationHook(this));
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
    return [...this.validation().issues];
  }

  /**
   * The manifest, as `ApiObject.toJson()` renders it, rendered once per revision and shared with validation:
   * it is frozen, copy it to change it.
   */
  public override toJson(): any {
    const rendered = this.rendered;
    if (rendered?.revision === this.revision) return rendered.manifest;
    const manifest = this.renderDirect() ?? deepFreeze(super.toJson());
    this.rendered = { revision: this.revision, manifest };
    return manifest;
  }

  /** Adds JSON patches applied to the rendered manifest (see `ApiObject.addJsonPatch`). */
  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.patched = true;
    this.changed();
  }

  /**
   * The manifest `super.toJson()` would render, in one walk (see _manifest-json.ts), when that is certain to give
   * the same JSON: no JSON patches, the app's resolvers are cdk8s' own, every value plain JSON. Otherwise, or
   * when rendering fails (cdk8s then reports it), undefined.
   */
  private renderDirect(): unknown {
    const resolvers = (App.of(this) as Partial<App>).resolvers;
    if (this.patched || resolvers === undefined || !hasDefaultResolvers(resolvers)) return undefined;
    try {
      return manifestJson({ apiVersion: this.apiVersion, kind: this.kind, metadata: this.renderMetadata(), spec: this.renderSpec() });
    } catch {
      return undefined;
    }
  }

  /**
   * Records that what this object renders has changed; every method that changes it calls this.
   * @internal
   */
  protected changed(): void {
    this.revision += 1;
    this.registry.touch();
  }

  /**
   * Renders `spec` from the construct's state.
   * @internal
   */
  protected abstract renderSpec(): JsonObject;

  /**
   * The errors of the last validation, formatted for cdk8s' report (its validation hook), as kept: frozen.
   * @internal
   */
  public validationErrors(): readonly string[] {
    return this.validation().errors;
  }

  /**
   * Records a change made through the metadata's methods.
   * @internal
   */
  public metadataChanged(): void {
    this.metadataNameOnly = false;
    this.changed();
  }

  /**
   * The metadata as `metadata.toJson()` renders it. cdk8s resolves and sanitizes it through its resolver machinery
   * (about 10 µs an object, a few percent of a synth); while it holds only the name and namespace it was created
   * with (no chart labels, no metadata method called since), that rendering is `{ name, namespace }` without an
   * absent namespace, which is what this returns.
   */
  private renderMetadata(): unknown {
    if (!this.metadataNameOnly) return this.metadata.toJson();
    const { name, namespace } = this.metadata;
    return namespace === undefined || namespace === null ? { name } : { name, namespace };
  }

  /** The last validation, when it still holds; otherwise a new one. */
  private validation(): Validated {
    const flags = this.node.tryGetContext(TEKTON_FEATURE_FLAGS_CONTEXT) as ValidationContext['featureFlags'];
    const last = this.validated;
    const version = this.registry.version;
    if (last && last.flags === flags) {
      if (last.version === version) return last;
      if (last.revision === this.revision && this.referencesHold(last.references)) {
        last.version = version;
        return last;
      }
    }
    const references: Reference[] = [];
    const issues = validateTektonObject(this.toJson(), this.lookupContext(flags, references));
    const errors = Object.freeze(issues.filter((i) => i.severity === 'error').map(formatIssue));
    this.validated = { version, revision: this.revision, flags, references, issues, errors };
    return this.validated;
  }

  /** The validator's lookups of referenced objects by name, preferring the same namespace, then tree order. */
  private lookupContext(flags: ValidationContext['featureFlags'], references: Reference[]): ValidationContext {
    const find = (kind: TektonKind, name: string): unknown => {
      let reference = references.find((r) => r.kind === kind && r.name === name);
      if (!reference) {
        const resolution = this.registry.resolve(`${kind}/${name}`, namespaceOf, this.metadata.namespace, indexEntries);
        reference = { kind, name, resolution, revision: resolution.object?.revision ?? -1 };
        references.push(reference);
      }
      return reference.resolution.object?.toJson();
    };
    return {
      findTask: (name) => find('Task', name),
      findPipeline: (name) => find('Pipeline', name),
      findStepAction: (name) => find('StepAction', name),
      memo: this.registry.memo,
      ...(flags ? { featureFlags: flags } : {}),
    };
  }

  /** Whether the lookups of the last validation would find the same objects, unchanged. */
  private referencesHold(references: readonly Reference[]): boolean {
    for (const { resolution, revision } of references) {
      if (!this.registry.holds(resolution) || (resolution.object?.revision ?? -1) !== revision) return false;
    }
    return true;
  }

  /** Makes the metadata's mutating methods count as changes (labels and annotations are validated too). */
  private watchMetadata(): void {
    Object.defineProperty(this.metadata, METADATA_OWNER, { value: this });
    Object.setPrototypeOf(this.metadata, WATCHED_METADATA_PROTOTYPE);
  }

  private registerName(name: string): void {
    const key = `${this.tektonKind}/${this.metadata.namespace ?? ''}/${name}`;
    const previous = this.registry.add(Chart.of(this), key, this);
    if (previous !== undefined) {
      throw new TektonConstructError(
        'DUPLICATE_NAME',
        `${this.node.path}: ${this.tektonKind} name '${name}' is already used by '${previous.node.path}'; give one of them another id or metadata.name`,
      );
    }
  }
}
// on the prototype, so every Tekton object carries it without a per-instance property.
Object.defineProperty(TektonObject.prototype, TEKTON_OBJECT_MARKER, { value: true });

/** Freezes a rendered manifest, so that a caller changing it cannot change what later validations see. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // loops, not Object.values: a manifest has hundreds of nodes, and this runs for every object once per change
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) deepFreeze(value[i]);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
