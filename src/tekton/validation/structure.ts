/**
 * Structural checking (SCH-1, SCH-2, SCH-3): the JSON of an object must decode into Tekton's Go types the
 * way the admission webhook decodes it, strictly. Unknown fields (a typo, a v1beta1-only block in a
 * v1 object) and values of the wrong JSON type are refused there before any rule runs, so they are
 * errors here. The shapes live in structure-shapes.ts.
 */
import { parseDuration, type Issues, type Obj, isObj, entry, field } from './_model.js';
import { objectShape, PIPELINE_RUN_SPEC, PIPELINE_SPEC, type Shape, STEP_ACTION_SPEC, TASK_RUN_SPEC, TASK_SPEC } from './structure-shapes.js';

const SHAPES: Readonly<Record<string, Shape>> = {
  Task: objectShape(TASK_SPEC, false),
  Pipeline: objectShape(PIPELINE_SPEC, false),
  TaskRun: objectShape(TASK_RUN_SPEC, true),
  PipelineRun: objectShape(PIPELINE_RUN_SPEC, true),
  StepAction: objectShape(STEP_ACTION_SPEC, false),
};

const FIX_TYPE: Readonly<Record<string, string>> = {
  string: 'write a string (quote it)',
  boolean: 'write true or false',
  integer: 'write a whole number',
  duration: 'write a Go duration string such as "10m" or "1h30m"',
  quantity: 'write a quantity such as "500m" or "1Gi"',
  object: 'write a map of fields',
  list: 'write a list',
  map: 'write a map',
};

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'map' : typeof v;
}

/** Levenshtein distance, for "did you mean" on unknown fields. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

function suggestion(key: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= Math.max(2, Math.floor(key.length / 3)) ? `did you mean "${best.k}"? ` : '';
}

const a = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

function wrongType(path: string, expected: string, value: unknown, issues: Issues): void {
  issues.error('SCH-1', path, `expected ${a(expected === 'object' ? 'map' : expected)}, found ${a(jsonType(value))}`, FIX_TYPE[expected] ?? 'fix the value type', value);
}

function check(value: unknown, shape: Shape, path: string, issues: Issues): void {
  // Go's decoder leaves a field at its zero value for null, whatever its type.
  if (value === null || value === undefined) return;
  if (typeof shape === 'string') {
    checkScalar(value, shape, path, issues);
  } else if ('list' in shape) {
    if (!Array.isArray(value)) wrongType(path, 'list', value, issues);
    else value.forEach((v, i) => check(v, shape.list, entry(path, i), issues));
  } else if ('map' in shape) {
    if (!isObj(value)) wrongType(path, 'map', value, issues);
    else for (const [k, v] of Object.entries(value)) check(v, shape.map, field(path, k), issues);
  } else if (!isObj(value)) {
    wrongType(path, 'object', value, issues);
  } else {
    checkFields(value, shape.fields, shape.required ?? [], path, issues);
  }
}

function checkFields(value: Obj, known: Readonly<Record<string, Shape | (() => Shape)>>, required: readonly string[], path: string, issues: Issues): void {
  const names = Object.keys(known);
  for (const key of required) {
    if (value[key] === undefined) issues.error('SCH-2', field(path, key), `missing field "${key}"`, `set ${key} (Tekton cannot store the object without it)`);
  }
  for (const [key, v] of Object.entries(value)) {
    let spec = known[key];
    if (spec === undefined) {
      // Go's decoder matches field names case-insensitively, so Tekton reads "Name" as "name".
      const folded = names.find((n) => n.toLowerCase() === key.toLowerCase());
      if (folded !== undefined) {
        issues.warn('SCH-3', field(path, key), `field "${key}" is read as "${folded}"`, `write it as "${folded}"`, key);
        spec = known[folded];
      } else {
        issues.error('SCH-3', field(path, key), `unknown field "${key}"`, `${suggestion(key, names)}remove it or fix its name; Tekton's webhook refuses unknown fields`, key);
        continue;
      }
    }
    check(v, typeof spec === 'function' ? spec() : (spec as Shape), field(path, key), issues);
  }
}

function checkScalar(value: unknown, shape: string, path: string, issues: Issues): void {
  switch (shape) {
    case 'any':
      return;
    case 'object':
      if (!isObj(value)) wrongType(path, 'object', value, issues);
      return;
    case 'string':
      if (typeof value !== 'string') wrongType(path, 'string', value, issues);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrongType(path, 'boolean', value, issues);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) wrongType(path, 'integer', value, issues);
      return;
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') wrongType(path, 'quantity', value, issues);
      return;
    default:
      if (typeof value !== 'string') wrongType(path, 'duration', value, issues);
      else if (parseDuration(value) === undefined) issues.error('SCH-1', path, `"${value}" is not a duration`, FIX_TYPE.duration as string, value);
  }
}

/**
 * True when `check` would find nothing: the same walk without paths, issues or entry arrays, stopping at the first
 * doubt (an inherited or unknown key, a wrong type, a missing field), after which `check` runs and reports.
 */
function clean(value: unknown, shape: Shape): boolean {
  if (value === null || value === undefined) return true;
  if (typeof shape === 'string') return scalarClean(value, shape);
  if ('list' in shape) {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i += 1) if (!clean(value[i], shape.list)) return false;
    return true;
  }
  if (!isObj(value)) return false;
  if ('map' in shape) {
    for (const key in value) if (!Object.hasOwn(value, key) || !clean(value[key], shape.map)) return false;
    return true;
  }
  const known = shape.fields;
  const required = shape.required;
  if (required !== undefined) for (let i = 0; i < required.length; i += 1) if (value[required[i] as string] === undefined) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !Object.hasOwn(known, key)) return false;
    const spec = known[key] as Shape | (() => Shape);
    if (!clean(value[key], typeof spec === 'function' ? spec() : spec)) return false;
  }
  return true;
}

function scalarClean(value: unknown, shape: string): boolean {
  switch (shape) {
    case 'any':
      return true;
    case 'object':
      return isObj(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'quantity':
      return typeof value === 'string' || typeof value === 'number';
    default:
      return typeof value === 'string' && parseDuration(value) !== undefined;
  }
}

/** Checks the whole object against the shape of its kind (other kinds are not checked). */
export function validateStructure(manifest: Obj, kind: string, issues: Issues): void {
  const shape = SHAPES[kind];
  // most objects are well-formed: only a walk that finds something builds the paths and messages
  if (shape !== undefined && !clean(manifest, shape)) check(manifest, shape, '', issues);
}
