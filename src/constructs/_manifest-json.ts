/**
 * The JSON of a Tekton object's manifest in one pass: what cdk8s' `ApiObject.toJson()` produces (every value
 * through the app's resolvers, then keys sorted and null/undefined entries dropped), built and frozen in a single
 * walk instead of a resolved copy, a sanitized copy and a freezing walk. Internal to the constructs.
 *
 * It only takes the fast way when the outcome is certain to be the same: the app has exactly cdk8s' three
 * built-in resolvers (public classes, whose documented behaviour this follows), key sorting is on, and every
 * value is plain JSON or a `Lazy`. Anything else (a custom resolver, an implicit token, a union class such as
 * `IntOrString`, a non-plain object) returns undefined, and the caller renders through `ApiObject.toJson()`.
 */
import { ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver, type IResolver } from 'cdk8s';

/** Thrown inside the walk when a value needs cdk8s' own resolution; never escapes this module. */
const NOT_PLAIN = Symbol('signet.notPlainJson');

/** True when `resolvers` are cdk8s' defaults, in their order, and nothing else. */
export function hasDefaultResolvers(resolvers: readonly IResolver[]): boolean {
  return (
    resolvers.length === 3 &&
    resolvers[0]?.constructor === LazyResolver &&
    resolvers[1]?.constructor === ImplicitTokenResolver &&
    resolvers[2]?.constructor === NumberStringUnionResolver &&
    !process.env.CDK8S_DISABLE_SORT
  );
}

/**
 * The resolved, sanitized and frozen form of `value` (undefined for null/undefined), or throws
 * {@link NOT_PLAIN} when a value is not plain JSON or a `Lazy`.
 */
function settle(value: unknown): unknown {
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return value;
  if (type === 'number') {
    if (Number.isNaN(value)) throw NOT_PLAIN;
    return value;
  }
  if (value === null || value === undefined) return undefined;
  if (type !== 'object') throw NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) out.push(settle(value[i]));
    return Object.freeze(out);
  }
  // the LazyResolver runs first and its result is resolved again
  if (value instanceof Lazy) return settle(value.produce());
  if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_PLAIN;
  const source = value as Record<string, unknown>;
  // a plain object with a resolve() is an implicit token for cdk8s
  if (typeof source.resolve === 'function') throw NOT_PLAIN;
  const keys = sortKeys(Object.keys(source));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const settled = settle(source[key]);
    if (settled !== undefined) out[key] = settled;
  }
  return Object.freeze(out);
}

/** Keys beyond which `sort()` beats insertion sort. */
const INSERTION_SORT_MAX = 16;

/**
 * `keys` sorted in place as `sort()` sorts them (UTF-16 code units, as `<` compares). A manifest's objects have
 * a handful of keys, mostly in order already: insertion sort does that without `sort()`'s work array, which
 * was the largest share of what rendering allocated.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * `data` (`{ apiVersion, kind, metadata, spec }`) as `ApiObject.toJson()` renders it without JSON patches, frozen;
 * undefined when it must be left to cdk8s. Sorted keys put apiVersion, kind, metadata and spec in the order
 * cdk8s writes them.
 */
export function manifestJson(data: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  let settled: unknown;
  try {
    settled = settle(data);
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
  return settled as Record<string, unknown>;
}
