/**
 * Param declarations (`ParamSpec`) and param values (`Param`).
 *
 * @see https://tekton.dev/docs/pipelines/tasks/#specifying-parameters
 */

/** The three param types. The synthesizer always emits `type`, so nothing depends on webhook inference. */
export type ParamType = 'string' | 'array' | 'object';

/** A param value: a string, an array of strings, or a map of string to string. */
export type ParamValue = string | readonly string[] | Readonly<Record<string, string>>;

/** Fields every param declaration has. */
export interface ParamSpecBase {
  /** Param name (P-5: `^[_a-zA-Z][_a-zA-Z0-9.-]*$`, no dots for object params). */
  readonly name: string;
  /**
   * What the param means, for readers and catalog tooling.
   * @default - no description
   */
  readonly description?: string;
}

/** A string param. */
export interface StringParamSpec extends ParamSpecBase {
  /**
   * The param type.
   * @default 'string'
   */
  readonly type?: 'string';
  /**
   * Value used when the param is not passed.
   * @default - none: the param is required
   */
  readonly default?: string;
  /**
   * Allowed values. Alpha in Tekton v1.15 (`enable-param-enum: "true"`).
   * @default - any value
   */
  readonly enum?: readonly string[];
}

/** An array-of-strings param. */
export interface ArrayParamSpec extends ParamSpecBase {
  /** The param type. */
  readonly type: 'array';
  /**
   * Value used when the param is not passed (an empty array is a valid default).
   * @default - none: the param is required
   */
  readonly default?: readonly string[];
}

/** An object param: a fixed set of string keys. */
export interface ObjectParamSpec extends ParamSpecBase {
  /** The param type. */
  readonly type: 'object';
  /** The keys of the object; every key is a string. */
  readonly properties: readonly string[];
  /**
   * Value used when the param is not passed.
   * @default - none: the param is required
   */
  readonly default?: Readonly<Record<string, string>>;
}

/** A param declaration in a Task, Pipeline or StepAction. */
export type ParamSpec = StringParamSpec | ArrayParamSpec | ObjectParamSpec;

/** A param passed to a Task, Pipeline, StepAction or resolver. */
export interface Param {
  /** Name of the declared param. */
  readonly name: string;
  /** Its value; the JSON shape decides the type. */
  readonly value: ParamValue;
}

/** The type a declaration resolves to, with Tekton's inference order (type, properties, default shape). */
export function paramTypeOf(spec: ParamSpec): ParamType {
  if (spec.type) return spec.type;
  return 'string';
}

/** The type of a value by its JSON shape. */
export function paramValueType(value: ParamValue): ParamType {
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'array' : 'object';
}
