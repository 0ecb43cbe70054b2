/**
 * What synth-time validation may reuse, and for how long. Internal to the constructs.
 *
 * - The name index (kind/name → objects) depends only on which Tekton objects are in the tree: it is kept per
 *   root and rebuilt after a Tekton object is created; removed constructs are filtered out at lookup.
 * - A {@link ValidationSession} holds each object's rendered manifest, its issues and the validator's memo. It
 *   is only correct while nothing changes the constructs, so it lives for one `withValidationCache` call,
 *   one `validateAll` call or one cdk8s validation pass (see `PassTracker`).
 */
import type { IConstruct } from 'constructs';
import { type ValidationContext, ValidationMemo, type ValidationIssue } from '../tekton/validation/index.js';

/** Memoized validation work for constructs that do not change meanwhile. */
export class ValidationSession<O extends object> {
  /** Issues per object. */
  public readonly issues = new Map<O, ValidationIssue[]>();
  /** Rendered manifest (`toJson()`) per object; shared by every validation that looks the object up. */
  public readonly manifests = new Map<O, unknown>();
  /** The validator's memo of defaulted referenced objects (keyed by the manifests above). */
  public readonly memo = new ValidationMemo();
  private readonly contexts = new Map<unknown, Map<unknown, Map<unknown, ValidationContext>>>();

  /** The validation context for the parts it depends on (compared by identity), made once per session. */
  public context(root: unknown, flags: unknown, namespace: unknown, make: () => ValidationContext): ValidationContext {
    let byFlags = this.contexts.get(root);
    if (!byFlags) this.contexts.set(root, (byFlags = new Map()));
    let byNamespace = byFlags.get(flags);
    if (!byNamespace) byFlags.set(flags, (byNamespace = new Map()));
    let context = byNamespace.get(namespace);
    if (!context) byNamespace.set(namespace, (context = make()));
    return context;
  }
}

/**
 * Follows one cdk8s validation pass (`App.synth`, `App.synthYaml`, `Chart.toJson`, `Testing.synth`): they validate
 * every construct of the app in tree order, starting with the root, with no user code in between. The pass
 * begins at the root's validation; each Tekton object's validation hook then takes the next object in tree
 * order. Any hook out of that order, an exception, the last object, or the end of the current job ends it.
 */
export class PassTracker<O extends object> {
  private current?: { readonly root: IConstruct; readonly order: readonly O[]; next: number; readonly session: ValidationSession<O> };

  /** Starts a pass over `order` (the Tekton objects below `root`, in tree order). */
  public begin(root: IConstruct, order: readonly O[]): void {
    if (order.length === 0) {
      this.current = undefined;
      return;
    }
    const pass = { root, order, next: 0, session: new ValidationSession<O>() };
    this.current = pass;
    // a pass that was cut short (an exception elsewhere) must not outlive the synchronous call that began it.
    queueMicrotask(() => {
      if (this.current === pass) this.current = undefined;
    });
  }

  /** The session for `object`'s hook when it is the next object of the running pass; otherwise ends the pass. */
  public take(object: O): ValidationSession<O> | undefined {
    const pass = this.current;
    if (!pass) return undefined;
    if (pass.order[pass.next] !== object) {
      this.current = undefined;
      return undefined;
    }
    pass.next += 1;
    if (pass.next === pass.order.length) this.current = undefined;
    return pass.session;
  }

  /** Ends the running pass (after an exception in a hook). */
  public end(): void {
    this.current = undefined;
  }
}

/** Bumped whenever a Tekton object is created, so cached name indices know they are stale. */
let treeGeneration = 0;

/** Records that a Tekton object joined a tree. */
export function tektonObjectAdded(): void {
  treeGeneration += 1;
}

const INDICES = new WeakMap<IConstruct, { readonly generation: number; readonly byKey: Map<string, object[]> }>();

/**
 * The objects with this `key` below `root`, in tree order, from an index built once per tree state.
 * `build` lists every object below root with its key.
 */
export function lookupByKey<O extends IConstruct>(root: IConstruct, key: string, build: () => Iterable<[string, O]>): O[] {
  let cached = INDICES.get(root);
  if (!cached || cached.generation !== treeGeneration) {
    const byKey = new Map<string, object[]>();
    for (const [k, o] of build()) {
      const list = byKey.get(k);
      if (list) list.push(o);
      else byKey.set(k, [o]);
    }
    cached = { generation: treeGeneration, byKey };
    INDICES.set(root, cached);
  }
  const candidates = (cached.byKey.get(key) ?? []) as O[];
  // `node.tryRemoveChild` detaches a construct without telling anyone; such objects are no longer in the tree.
  return candidates.every((o) => isAttached(o, root)) ? candidates : candidates.filter((o) => isAttached(o, root));
}

function isAttached(c: IConstruct, root: IConstruct): boolean {
  let current = c;
  for (let parent = current.node.scope; parent !== undefined; parent = current.node.scope) {
    if (parent.node.tryFindChild(current.node.id) !== current) return false;
    current = parent;
  }
  return current === root;
}
