import type { k8s } from 'cdk8s-plus-28';
import {
  type IExpression,
  type ParamSpec,
  type ParamType,
  paramArrayExpr,
  paramExpr,
  paramIndexExpr,
  paramKeyExpr,
} from '../tekton/index.js';
import { TektonConstructError } from './errors.js';

/**
 * A declared param of a Task, Pipeline or StepAction. Renders as `$(params.<name>)`.
 *
 * Returned by `addParam()`. Inside a Task, hand it to a step through {@link ParamReference.toEnv} rather than
 * writing it into a script.
 */
export class ParamReference implements IExpression {
  /** The param name. */
  public readonly name: string;
  /** The param type. */
  public readonly type: ParamType;
  /** The declaration as given (defaults resolved). */
  public readonly spec: ParamSpec;
  /** `$(params.<name>)`. */
  public readonly expression: string;
  /** Path of the construct that declares it, for error messages. */
  private readonly owner: string;

  /** @internal */
  public constructor(spec: ParamSpec, owner: string) {
    this.spec = spec;
    this.name = spec.name;
    this.type = spec.type ?? 'string';
    this.expression = paramExpr(spec.name);
    this.owner = owner;
  }

  /** `$(params.<name>[*])`: the whole array; only as a whole element of command, args or an array value. */
  public items(): string {
    this.expectType('array', 'items()');
    return paramArrayExpr(this.name);
  }

  /** `$(params.<name>[<index>])`: one element of an array param. */
  public item(index: number): string {
    this.expectType('array', 'item()');
    return paramIndexExpr(this.name, index);
  }

  /** `$(params.<name>.<key>)`: one key of an object param; the key must be declared. */
  public key(key: string): string {
    this.expectType('object', 'key()');
    if (this.spec.type === 'object' && !this.spec.properties.includes(key)) {
      throw new TektonConstructError(
        'UNKNOWN_PARAM',
        `${this.owner}: object param '${this.name}' has no key '${key}'; declared keys: ${this.spec.properties.join(', ')}`,
      );
    }
    return paramKeyExpr(this.name, key);
  }

  /**
   * An env var that carries this param into a step, the safe way to reach a script (scripts then read `$NAME`).
   *
   * @param envName - variable name. @default - the param name in upper snake case (`key-path` → `KEY_PATH`)
   * @param key - for object params, the key to pass. @default - none (string params only)
   */
  public toEnv(envName?: string, key?: string): k8s.EnvVar {
    const value = key === undefined ? this.scalarExpression() : this.key(key);
    return { name: envName ?? toEnvName(key === undefined ? this.name : `${this.name}_${key}`), value };
  }

  /** Returns {@link expression}. */
  public toString(): string {
    return this.expression;
  }

  private scalarExpression(): string {
    if (this.type !== 'string') {
      throw new TektonConstructError(
        'INVALID_PROPS',
        `${this.owner}: ${this.type} param '${this.name}' cannot be passed whole through env; pass an element with item(i) or a key with key(k), or use args`,
      );
    }
    return this.expression;
  }

  private expectType(type: ParamType, method: string): void {
    if (this.type !== type) {
      throw new TektonConstructError(
        'INVALID_PROPS',
        `${this.owner}: ${method} needs a param of type '${type}' but '${this.name}' is of type '${this.type}'`,
      );
    }
  }
}

/** `key-path` → `KEY_PATH`, `imageUrl` → `IMAGE_URL`. */
export function toEnvName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toUpperCase();
}
