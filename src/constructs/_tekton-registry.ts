/**
 * What a construct tree knows about its Tekton objects, kept on the tree's root (not in module state), so two
 * apps never share anything and the state is where the tree is. Internal to the constructs.
 *
 * - `generation` moves when a Tekton object is created below the root, or a construct is removed from the tree
 *   above one (`node.tryRemoveChild` of an ancestor, which the registry watches); the kind/name index, made from
 *   the objects in the tree, is rebuilt when it moved, so lookups never see removed objects.
 * - The validator's memo lives as long as the root: its entries are keyed by manifest objects, and a Tekton
 *   object renders a new manifest object whenever it changes (see `TektonObject`).
 */
import type { IConstruct } from 'constructs';
import { ValidationMemo } from '../tekton/validation/memo.js';

/** The root's property holding its registry; a shared symbol, like cdk8s' own markers. */
const REGISTRY = Symbol.for('signet.TektonRegistry');
/** Marks a construct node whose `tryRemoveChild` the registry watches. */
const WATCHED = Symbol.for('signet.TektonRegistry.watched');

/** A lookup's answer, with what is needed to check later that it still holds. */
export interface Resolution<O extends IConstruct> {
  /** The objects in the tree with the key when it was made, in tree order. */
  readonly candidates: readonly O[];
  /** The registry generation it was made at. */
  readonly generation: number;
  /** The object chosen. */
  readonly object: O | undefined;
}

type WatchedNode = IConstruct['node'] & { [WATCHED]?: true };

/** The Tekton objects of one construct tree: name index, duplicate names per chart, validator memo. */
export class TektonRegistry<O extends IConstruct> {
  /** The registry of the tree `scope` belongs to, created on first use. */
  public static of<O extends IConstruct>(scope: IConstruct): TektonRegistry<O> {
    const root = scope.node.root as IConstruct & { [REGISTRY]?: TektonRegistry<O> };
    let registry = root[REGISTRY];
    if (!registry) {
      registry = new TektonRegistry<O>();
      Object.defineProperty(root, REGISTRY, { value: registry });
    }
    return registry;
  }

  /** Memo shared by every validation in this tree. */
  public readonly memo = new ValidationMemo();
  /** Moves with every change in the tree that validations can see (see {@link touch}); cheap to compare. */
  public version = 0;
  private generation = 0;
  private index?: { readonly generation: number; readonly byKey: Map<string, O[]> };
  private readonly namesPerChart = new Map<IConstruct, Map<string, O>>();

  private constructor() {}

  /**
   * Records a new object under `key` in `chart` (kind/namespace/name); returns the object that already holds
   * that key there, if any.
   */
  public add(chart: IConstruct, key: string | undefined, object: O): O | undefined {
    this.generation += 1;
    this.version += 1;
    this.watchRemovals(object);
    if (key === undefined) return undefined;
    let names = this.namesPerChart.get(chart);
    if (!names) this.namesPerChart.set(chart, (names = new Map()));
    const previous = names.get(key);
    if (previous === undefined) names.set(key, object);
    return previous;
  }

  /**
   * The object for `key` below the root: among those in the tree, the first that `prefer` accepts, else the
   * first in tree order. `list` gives every object in the tree with its key (called when the tree changed).
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

  /** Records that an object of this tree changed what it renders. */
  public touch(): void {
    this.version += 1;
  }

  /** Whether `resolution` still holds: no object was added and no construct removed since. */
  public holds(resolution: Resolution<O>): boolean {
    return resolution.generation === this.generation;
  }

  private choose(candidates: readonly O[], prefer: (o: O) => boolean): O | undefined {
    for (const o of candidates) if (prefer(o)) return o;
    return candidates[0];
  }

  /**
   * `node.tryRemoveChild` detaches a construct without telling anyone: the registry wraps it on every ancestor
   * of a Tekton object (once per node), so that a removal moves the generation.
   */
  private watchRemovals(object: O): void {
    for (let scope = object.node.scope; scope !== undefined; scope = scope.node.scope) {
      const node = scope.node as WatchedNode;
      if (node[WATCHED]) return;
      const remove = node.tryRemoveChild.bind(node);
      Object.defineProperty(node, 'tryRemoveChild', {
        value: (childName: string): boolean => {
          const removed = remove(childName);
          if (removed) {
            this.generation += 1;
            this.version += 1;
          }
          return removed;
        },
      });
      Object.defineProperty(node, WATCHED, { value: true });
    }
  }
}
