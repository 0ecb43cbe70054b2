/**
 * Param declarations (ParamSpec) in Tasks, Pipelines and StepActions: rules P-1 to P-6 and P-8.
 */
import { isObjectParamName, isParamName } from '../names.js';
import type { ResolvedFlags } from './flags.js';
import { asArray, duplicates, entry, field, has, isObj, objs, str, strs, type Issues, type Obj } from './_model.js';

/** A declared param after defaulting, as the reference checks need it. */
export interface ParamDecl {
  readonly name: string;
  /** `string`, `array` or `object` (anything else was reported by P-1). */
  readonly type: string;
  /** Object keys, for object params. */
  readonly keys: ReadonlySet<string>;
  /** True when the declaration has a default (so callers need not pass it). */
  readonly hasDefault: boolean;
  /** The default value. @default - not set: a value must be passed */
  readonly default?: unknown;
  /** Allowed values (alpha `enum`). */
  readonly enum: readonly string[];
}

/** The declared params of a spec, by name, in declaration order. */
export function declaredParams(list: unknown): Map<string, ParamDecl> {
  const out = new Map<string, ParamDecl>();
  for (const p of objs(list)) {
    const name = str(p.name);
    if (name === undefined || out.has(name)) continue;
    out.set(name, {
      name,
      type: str(p.type) ?? 'string',
      keys: new Set(isObj(p.properties) ? Object.keys(p.properties) : []),
      hasDefault: has(p, 'default'),
      default: p.default,
      enum: strs(p.enum),
    });
  }
  return out;
}

/** Which kind declares the params (name formats are enforced by the webhook for Task and StepAction only). */
export type ParamOwner = 'Task' | 'StepAction' | 'Pipeline';

const TYPES = ['string', 'array', 'object'];

/**
 * The type Tekton gives a param value or default when it decodes it (`ParamValue`): a list of strings
 * is an array, a map of strings an object, and anything else (a string, a number, a boolean, a list
 * of numbers...) becomes a string holding its JSON text. Undefined only for a missing value.
 */
export function valueShape(v: unknown): 'string' | 'array' | 'object' | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return 'array';
  if (isObj(v) && Object.values(v).every((x) => typeof x === 'string')) return 'object';
  return 'string';
}

function styleOf(name: string): 'upper' | 'lower' | 'other' {
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return 'upper';
  if (/^[a-z][a-zA-Z0-9-]*$/.test(name)) return 'lower';
  return 'other';
}

/** Validates a `params` declaration list. */
export function validateParamSpecs(list: unknown, path: string, owner: ParamOwner, flags: ResolvedFlags, issues: Issues): void {
  const specs = objs(list);
  specs.forEach((p, i) => validateParamSpec(p, entry(path, str(p.name) || i), owner, flags, issues));
  const names = specs.map((p) => str(p.name)).filter((n): n is string => n !== undefined && n !== '');
  // The webhook compares names exactly; Tekton's docs call them case-insensitive, so a clash in case
  // only is a warning.
  const exact = duplicates(names);
  for (const dup of exact) issues.error('P-4', entry(path, dup), `param "${dup}" is declared more than once`, 'give every param a distinct name', dup);
  for (const dup of duplicates(names, true).filter((d) => !exact.includes(d))) {
    issues.warn('P-4', entry(path, dup), `param "${dup}" is declared more than once (names are case-insensitive)`, 'give every param a distinct name', dup);
  }
  const styles = new Set(names.map(styleOf));
  if (styles.has('upper') && styles.has('lower')) {
    issues.warn('P-8', path, 'param names mix UPPER_SNAKE and lower-case styles', 'pick one naming style for all params of this spec', names);
  }
}

function validateParamSpec(p: Obj, path: string, owner: ParamOwner, flags: ResolvedFlags, issues: Issues): void {
  const name = str(p.name) ?? '';
  const type = str(p.type) ?? '';
  if (!TYPES.includes(type)) {
    issues.error('P-1', field(path, 'type'), `param type must be string, array or object`, 'set type to "string", "array" or "object"', p.type);
    return;
  }
  if (name === '') {
    issues.add(owner === 'Pipeline' ? 'warning' : 'error', 'P-5', field(path, 'name'), 'param name is empty', 'give the param a name');
  } else {
    if (!(type === 'object' ? isObjectParamName(name) : isParamName(name))) {
      const allowed = type === 'object' ? "letters, digits, '_' and '-'" : "letters, digits, '_', '-' and '.'";
      const message = `param name must start with a letter or '_' and contain only ${allowed}`;
      issues.add(owner === 'Pipeline' ? 'warning' : 'error', 'P-5', field(path, 'name'), message, 'rename the param, e.g. "IMAGE_URL"', name);
    }
  }
  if (has(p, 'default') && valueShape(p.default) !== type) {
    issues.error('P-2', field(path, 'default'), `default does not match param type "${type}"`, shapeFix(type), p.default);
  }
  if (type === 'object') validateProperties(p, path, owner, issues);
  validateEnum(p, path, type, flags, issues);
}

function validateProperties(p: Obj, path: string, owner: ParamOwner, issues: Issues): void {
  if (!isObj(p.properties) || Object.keys(p.properties).length === 0) {
    issues.error('P-3', field(path, 'properties'), 'object param needs properties', 'declare the keys, e.g. properties: { url: { type: string } }');
    return;
  }
  for (const [key, prop] of Object.entries(p.properties)) {
    const propPath = field(field(path, 'properties'), key);
    if (!isObj(prop) || prop.type !== 'string') {
      issues.error('P-3', field(propPath, 'type'), 'object param properties must be of type string', 'set the property type to "string"', isObj(prop) ? prop.type : prop);
    }
    if (owner !== 'Pipeline' && !isObjectParamName(key)) {
      issues.error('P-5', propPath, "object param keys must start with a letter or '_' and contain only letters, digits, '_' and '-'", 'rename the key without dots', key);
    }
  }
}

function validateEnum(p: Obj, path: string, type: string, flags: ResolvedFlags, issues: Issues): void {
  const values = asArray(p.enum);
  if (values.length === 0) return;
  const enumPath = field(path, 'enum');
  if (!flags.paramEnum) {
    issues.error('P-6', enumPath, 'param enum needs the feature flag enable-param-enum', 'remove enum, or set enable-param-enum: "true"');
  }
  if (type !== 'string') {
    issues.error('P-6', enumPath, `enum is only allowed on string params, not ${type}`, 'remove enum or make the param a string', type);
  }
  const dups = duplicates(strs(values));
  if (dups.length > 0) issues.error('P-6', enumPath, `enum values must be unique; repeated: ${dups.join(', ')}`, 'remove the repeated values', dups);
  if (typeof p.default === 'string' && p.default !== '' && !values.includes(p.default)) {
    issues.error('P-6', field(path, 'default'), 'default is not one of the enum values', `use one of: ${strs(values).join(', ')}`, p.default);
  }
}

function shapeFix(type: string): string {
  if (type === 'array') return 'use a list of strings as default';
  if (type === 'object') return 'use a map of string to string as default';
  return 'use a string as default';
}
