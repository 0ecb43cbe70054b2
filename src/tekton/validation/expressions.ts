/**
 * Finding and parsing Tekton `$(...)` variable references (pkg/substitution): the common ground of
 * every rule that checks what a string refers to.
 */

/** One segment of a reference: `.name`, `['quoted']`, `[*]` or `[3]`. */
export interface RefPart {
  readonly kind: 'name' | 'quoted' | 'star' | 'index';
  readonly value: string;
}

/** A `$(...)` occurrence in a string. */
export interface VariableRef {
  /** The whole occurrence, e.g. `$(params.url)`. */
  readonly text: string;
  /** What is between the parentheses. */
  readonly body: string;
  /** The first segment (`params`, `tasks`, `context`, ...), also when the rest does not parse. */
  readonly root: string;
  /** All segments; empty when the body is not a well-formed Tekton reference. */
  readonly parts: readonly RefPart[];
  /** True when the whole string is exactly this one reference. */
  readonly whole: boolean;
}

/**
 * Matches `$(` to the next `)` without nested parentheses, so `$(echo $(params.x))` yields the
 * inner reference, like Tekton's own scanner.
 */
const REF = /\$\(([^()]*)\)/g;

function parseBody(body: string): RefPart[] {
  const parts: RefPart[] = [];
  let i = 0;
  const readName = (): string => {
    let j = i;
    while (j < body.length && body[j] !== '.' && body[j] !== '[') j++;
    const v = body.slice(i, j);
    i = j;
    return v;
  };
  const first = readName();
  if (first === '') return [];
  parts.push({ kind: 'name', value: first });
  while (i < body.length) {
    if (body[i] === '.') {
      i++;
      const v = readName();
      if (v === '') return [];
      parts.push({ kind: 'name', value: v });
      continue;
    }
    const close = body.indexOf(']', i);
    if (close < 0) return [];
    const inner = body.slice(i + 1, close);
    i = close + 1;
    if (inner === '*') parts.push({ kind: 'star', value: '*' });
    else if (/^\d+$/.test(inner)) parts.push({ kind: 'index', value: inner });
    else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) parts.push({ kind: 'quoted', value: inner.slice(1, -1) });
    else return [];
  }
  return parts;
}

/**
 * Strings recur across objects (`$(params.revision)` in every pipeline), so parses are kept, frozen, up to a
 * bound; a string's references never change, so a kept parse is always right.
 */
const PARSED = new Map<string, readonly VariableRef[]>();
const PARSED_LIMIT = 20_000;
const NO_REFS: readonly VariableRef[] = Object.freeze([]);

/** Every `$(...)` reference in a string, in order (a shared, frozen list). */
export function findRefs(text: string): readonly VariableRef[] {
  if (!text.includes('$(')) return NO_REFS;
  const kept = PARSED.get(text);
  if (kept) return kept;
  const out: VariableRef[] = [];
  for (const m of text.matchAll(REF)) {
    const body = m[1] as string;
    const parts = parseBody(body);
    for (const part of parts) Object.freeze(part);
    out.push(Object.freeze({ text: m[0], body, root: parts[0]?.value ?? (body.split(/[.[]/)[0] as string), parts: Object.freeze(parts), whole: m[0] === text }));
  }
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(text, Object.freeze(out));
  return out;
}

/** Every string inside a JSON value, with its path relative to `path`. */
export function stringsIn(value: unknown, path: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  collectStrings(value, path, out);
  return out;
}

function collectStrings(v: unknown, p: string, out: Array<{ path: string; text: string }>): void {
  if (typeof v === 'string') out.push({ path: p, text: v });
  else if (Array.isArray(v)) v.forEach((x, i) => collectStrings(x, `${p}[${i}]`, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) collectStrings(x, p === '' ? k : `${p}.${k}`, out);
  }
}

/** A parsed `$(params...)` reference. */
export interface ParamUse {
  /** The param name (the first segment after `params`). */
  readonly name: string;
  /** `[*]` was used. */
  readonly star: boolean;
  /** The `[i]` index. @default - no index */
  readonly index?: number;
  /** The `.key` of an object access. @default - no key */
  readonly key?: string;
  /** Dot-separated segments after `params` (T-10 allows at most two). */
  readonly dotParts: number;
}

/**
 * Reads a `$(params...)` reference. `declared` lets a dotted name (`$(params.a.b)` for a param
 * called `a.b`) resolve to the declared param rather than to an object key.
 */
export function asParamUse(ref: VariableRef, declared?: (name: string) => boolean): ParamUse | undefined {
  const parts = ref.parts;
  if (ref.root !== 'params' || parts.length < 2) return undefined;
  const head = parts[1] as RefPart;
  if (head.kind !== 'name' && head.kind !== 'quoted') return undefined;
  let dotParts = 0;
  for (let i = 1; i < parts.length; i += 1) if ((parts[i] as RefPart).kind === 'name') dotParts += 1;
  let name = head.value;
  let rest = 2;
  const next = parts[2];
  if (head.kind === 'name' && next?.kind === 'name' && declared && !declared(name) && declared(`${name}.${next.value}`)) {
    name = `${name}.${next.value}`;
    rest = 3;
  }
  let star = false;
  let index: number | undefined;
  let key: string | undefined;
  for (let i = rest; i < parts.length; i += 1) {
    const part = parts[i] as RefPart;
    if (part.kind === 'star') star = true;
    else if (part.kind === 'index') index = Number(part.value);
    else if (key === undefined) key = part.value;
  }
  return { name, star, dotParts, ...(index === undefined ? {} : { index }), ...(key === undefined ? {} : { key }) };
}

/** A parsed `$(tasks.<t>.results.<r>...)` or `$(finally.<t>.results.<r>...)` reference. */
export interface ResultUse {
  readonly scope: 'tasks' | 'finally';
  readonly task: string;
  readonly result: string;
  readonly star: boolean;
  /** The `[i]` index. @default - no index */
  readonly index?: number;
  /** The `.key` of an object result. @default - no key */
  readonly key?: string;
  /** False when the shape is not one Tekton accepts (e.g. more than one key after the result). */
  readonly wellFormed: boolean;
}

/** Readings of the shared, frozen references that `findRefs` returns (they never change). */
const RESULT_USES = new WeakMap<VariableRef, ResultUse | null>();

/** Reads a task-result reference, or undefined when the reference is not one. */
export function asResultUse(ref: VariableRef): ResultUse | undefined {
  if (!Object.isFrozen(ref)) return readResultUse(ref);
  let use = RESULT_USES.get(ref);
  if (use === undefined) {
    use = readResultUse(ref) ?? null;
    RESULT_USES.set(ref, use === null ? null : Object.freeze(use));
  }
  return use ?? undefined;
}

function readResultUse(ref: VariableRef): ResultUse | undefined {
  const [root, task, results, result, ...rest] = ref.parts;
  if (!root || (root.value !== 'tasks' && root.value !== 'finally') || !task || results?.value !== 'results') return undefined;
  if (!result || (result.kind !== 'name' && result.kind !== 'quoted')) {
    return { scope: root.value, task: task.value, result: '', star: false, wellFormed: false };
  }
  let star = false;
  let index: number | undefined;
  let key: string | undefined;
  let wellFormed = rest.length <= 1;
  for (const part of rest) {
    if (part.kind === 'star') star = true;
    else if (part.kind === 'index') index = Number(part.value);
    else if (part.kind === 'name') key = part.value;
    else wellFormed = false;
  }
  return {
    scope: root.value,
    task: task.value,
    result: result.value,
    star,
    wellFormed,
    ...(index === undefined ? {} : { index }),
    ...(key === undefined ? {} : { key }),
  };
}
