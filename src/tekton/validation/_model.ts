/**
 * Small helpers shared by the rule files: safe access to untyped manifest JSON, Tekton-style field
 * paths, and the collector that accumulates issues. Not re-exported.
 */
import type { ValidationIssue } from './issue.js';

/** A JSON object read from a manifest. */
export type Obj = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The value as an object, or an empty object when it is something else. */
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
/** The value as an array, or an empty array when it is something else. */
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/**
 * The items of a list as objects (non-objects become `{}` so indexes stay aligned). When every item already is
 * one, that is the list itself (no copy: rules only read it).
 */
export function objs(v: unknown): readonly Obj[] {
  if (!Array.isArray(v)) return [];
  // indexed: manifests are frozen, and for-of over frozen arrays allocated an iterator result per item
  for (let i = 0; i < v.length; i += 1) if (!isObj(v[i])) return v.map(asObj);
  return v as Obj[];
}
/** The value when it is a string. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The strings of a list, other items dropped. */
export const strs = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === 'string');
/** True when the key is present with a value other than undefined/null. */
export const has = (o: Obj, key: string): boolean => o[key] !== undefined && o[key] !== null;

/** `path.key`, or `key` at the root. */
export function field(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** `path[key]`: Tekton's style for list entries (by name when they have one, else by index). */
export function entry(path: string, key: string | number): string {
  return `${path}[${key}]`;
}

/** The path of a named list entry: by its `name` when it has one, else by index. */
export function named(path: string, item: Obj, index: number): string {
  const name = str(item.name);
  return entry(path, name !== undefined && name !== '' ? name : index);
}

/** Accumulates issues in the order rules find them (rules run in a fixed order, so output is stable). */
export class Issues {
  private readonly list: ValidationIssue[] = [];

  /** Records a blocking problem. */
  error(ruleId: string, path: string, message: string, fix: string, value?: unknown): void {
    this.add('error', ruleId, path, message, fix, value);
  }

  /** Records a problem that does not block synth. */
  warn(ruleId: string, path: string, message: string, fix: string, value?: unknown): void {
    this.add('warning', ruleId, path, message, fix, value);
  }

  /** Records with a severity chosen by the caller. */
  add(severity: 'error' | 'warning', ruleId: string, path: string, message: string, fix: string, value?: unknown): void {
    this.list.push(value === undefined ? { ruleId, severity, path, message, fix } : { ruleId, severity, path, message, fix, value });
  }

  /** Everything recorded so far. */
  toArray(): ValidationIssue[] {
    return [...this.list];
  }
}

/** Names that occur more than once, compared as given or case-insensitively. */
export function duplicates(names: readonly string[], caseInsensitive = false): string[] {
  if (names.length < 2) return [];
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const name of names) {
    const key = caseInsensitive ? name.toLowerCase() : name;
    if (seen.has(key) && !dup.includes(name)) dup.push(name);
    seen.add(key);
  }
  return dup;
}

// Go's units; microseconds also as U+00B5 (micro sign) and U+03BC (Greek mu), written as escapes so
// that the CLI bundle stays ASCII (V8 then keeps its source in one byte per character).
const DURATION_PART = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, '\u00b5s': 1e-3, '\u03bcs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go duration (`1h30m`, `90s`, `0`, `-5m`) to milliseconds, as `metav1.Duration` does.
 * Returns undefined when the text is not a Go duration.
 */
export function parseDuration(text: string): number | undefined {
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const m = DURATION_PART.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}
