/**
 * Plain-JSON helpers that keep output free of `undefined`, `null`, empty arrays and empty objects.
 */

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Keys whose empty object is meaningful and must survive pruning: `emptyDir: {}` selects a volume source.
 */
const MEANINGFUL_EMPTY_KEYS = new Set(['emptyDir']);

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return Object.keys(value).length === 0;
}

/**
 * Shallow: drops fields that are `undefined`, `null`, `[]` or `{}` (except meaningful ones such as `emptyDir`).
 * Renderers call it on every object they build, so nested objects are already compact.
 */
export function compact(fields: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (isEmptyObject(value) && !MEANINGFUL_EMPTY_KEYS.has(key)) continue;
    out[key] = value as JsonValue;
  }
  return out;
}

/**
 * Deep version of {@link compact} for user-supplied Kubernetes structs (already converted to JSON by the L1
 * `toJson_*` helpers), where an empty `securityContext: {}` or `capabilities: { drop: [] }` means nothing.
 */
export function pruneDeep(value: unknown, key = ''): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => pruneDeep(v)).filter((v): v is JsonValue => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const pruned = pruneDeep(v, k);
      if (pruned !== undefined) out[k] = pruned;
    }
    return Object.keys(out).length === 0 && !MEANINGFUL_EMPTY_KEYS.has(key) ? undefined : out;
  }
  return value as JsonValue;
}

/** Maps a list with `fn`, or returns `undefined` for a missing or empty list. */
export function mapList<T, R>(list: readonly T[] | undefined, fn: (item: T) => R): R[] | undefined {
  return list && list.length > 0 ? list.map(fn) : undefined;
}
