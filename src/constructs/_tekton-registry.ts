/**
 * What a construct tree knows about its Tekton objects, kept on the tree's root (not in module state), so two
 * apps never share anything and the state is where the tree is. Internal to the constructs.
 *
 * - `generation` counts the Tekton objects created below the root; the kind/name index is rebuilt when it moved.
 * - Objects removed with `node.tryRemoveChild` are not announced: lookups filter them out.
 * - The validator's memo lives as long as the root: its entries are keyed by manifest objects, and a Tekton
 *   object renders a new manifest object whenever it changes (see `TektonObject`).
 */
import type { IConstruct } from 'constructs';
import { ValidationMemo } from '../tekton/validation/memo.js';

/** The root's property holding its registry; a shared symbol, like cdk8s' own markers. */
const REGISTRY = Symbol.for('signet.TektonRegistry');

/** A lookup's answer, with what is needed to check later that it still holds. */
export interface Resolution<O extends IConstruct> {
  /** The objects with the key when it was made, in tree order (removed ones included). */
  readonly candidates: readonly O[];
  /** The registry generation it was made at. */
  readonly generation: number;
  /** The object chosen. */
  readonly object: O | undefined;
}

/** The Tekton objects of one construct tree: name index, duplicate names per chart, validator memo. */
export class TektonRegistry<O extends IConstruct> {
  /** The registry of the tree `scope` belongs to, created on first use. */
  public static of<O extends IConstruct>(scope: IConstruct): TektonRegistry<O> {
    const root = scope.node.root as IConstruct & { [REGISTRY]?: TektonRegistry<O> };
    let registry = root[REGISTRY];
    if (!registry) {
      registry = new TektonRegistry<O>(root);
      Object.defineProperty(root, REGISTRY, { value: registry });
    }
    return registry;
  }

  /** Memo shared by every validation in this tree. */
  public readonly memo = new ValidationMemo();
  private generation = 0;
  private index?: { readonly generation: number; readonly byKey: Map<string, O[]> };
  private readonly namesPerChart = new Map<IConstruct, Map<string, O>>();

  private constructor(private readonly root: IConstruct) {}

  /**
   * Records a new object under `key` in `chart` (kind/namespace/name); returns the object that already holds
   * that key there, if any.
   */
  public add(chart: IConstruct, key: string | undefined, object: O): O | undefined {
    this.generation += 1;
    if (key === undefined) return undefined;
    let names = this.namesPerChart.get(chart);
    if (!names) this.namesPerChart.set(chart, (names = new Map()));
    const previous = names.get(key);
    if (previous === undefined) names.set(key, object);
    return previous;
  }

  /**
   * The object for `key` below the root: among those still in the tree, the first that `prefer` accepts, else
   * the first in tree order. `list` gives every object with its key (called when the tree grew).
   */
  public resolve(key: string, prefer: (o: O) => boolean, list: () => Iterable<readonly [string, O]>): Resolution<O> {
    let index = this.index;
    if (!index || index.generation !== this.generation) {
      const byKey = new Map<string, O[]>();
      for (const [k, o] of list()) {
        const same = byKey.get(k);
        if (same) same.push(o);
        else byKey.set(k, [o]);
      }
      this.index = index = { generation: this.generation, byKey };
    }
    const candidates = index.byKey.get(key) ?? [];
    return { candidates, generation: index.generation, object: this.choose(candidates, prefer) };
  }

  /** Whether `resolution` would still choose the same object now (no object added, none removed). */
  public holds(resolution: Resolution<O>, prefer: (o: O) => boolean): boolean {
    if (resolution.generation !== this.generation) return false;
    return this.choose(resolution.candidates, prefer) === resolution.object;
  }

  private choose(candidates: readonly O[], prefer: (o: O) => boolean): O | undefined {
    let first: O | undefined;
    for (const o of candidates) {
      if (!isAttached(o, this.root)) continue;
      if (prefer(o)) return o;
      first ??= o;
    }
    return first;
  }
}

/** `node.tryRemoveChild` detaches a construct without telling anyone; such objects are no longer in the tree. */
function isAttached(c: IConstruct, root: IConstruct): boolean {
  let current = c;
  for (let parent = current.node.scope; parent !== undefined; parent = current.node.scope) {
    if (parent.node.tryFindChild(current.node.id) !== current) return false;
    current = parent;
  }
  return current === root;
}
