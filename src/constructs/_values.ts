/**
 * Private helpers: turning user-facing values (strings, handles, lists, maps) into model values.
 */
import type { IExpression, ParamValue } from '../tekton/index.js';

/** One string-ish value: a literal or a handle that renders as a `$(...)` expression. */
export type StringInput = string | IExpression;

/**
 * A param value as users write it: a string, an array or a string map, where each string may be a handle
 * (`pipeline.addParam(...)`, `task.result(...)`) or a template literal built from them.
 */
export type ParamValueInput = StringInput | readonly StringInput[] | Readonly<Record<string, StringInput>>;

/** True for handle objects (class instances with an `expression`), false for plain records. */
function isExpression(value: unknown): value is IExpression {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) !== Object.prototype &&
    typeof (value as IExpression).expression === 'string'
  );
}

/** Renders one string-ish input. */
export function str(value: StringInput): string {
  return typeof value === 'string' ? value : value.expression;
}

/** Converts a user value to a model ParamValue. */
export function toParamValue(value: ParamValueInput): ParamValue {
  if (typeof value === 'string' || isExpression(value)) return str(value);
  if (Array.isArray(value)) return (value as readonly StringInput[]).map(str);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, StringInput>)) out[k] = str(v);
  return out;
}

/** Every string inside a ParamValue (for scanning expressions). */
export function stringsOf(value: ParamValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return [...(value as readonly string[])];
  return Object.values(value as Record<string, string>);
}

/** Case-insensitive lookup key (Tekton compares param names case-insensitively, P-4 and RUN-2). */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
