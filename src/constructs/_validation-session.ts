/**
 * What synth-time validation may reuse, and for how long. Internal to the constructs.
 *
 * - The name index (kind/name → objects) depends only on which Tekton objects are in the tree: it is kept per
 *   root and rebuilt after a Tekton object is created; removed constructs are filtered out at lookup.
 * - A {@link ValidationSession} holds each object's rendered manifest, its issues and the validator's memo. It
 *   is only correct while nothing changes the constructs, so it lives for one `withValidationCache` call,
 *   one `validateAll` call, or the validation passes of one cdk8s synth (see `_validation-passes.ts`).
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

/** Bumped whenever a Tekton object is created, so cached name indices know they are stale. */
let treeGeneration = 0;

/** Changes whenever a Tekton object is created. */
export function currentTreeGeneration(): number {
  return treeGeneration;
}

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
