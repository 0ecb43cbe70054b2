import {
  type IExpression,
  type ResultType,
  finallyResultExpr,
  taskResultArrayExpr,
  taskResultExpr,
  taskResultIndexExpr,
  taskResultKeyExpr,
} from '../tekton/index.js';
import { TektonConstructError } from './errors.js';

/**
 * A result of a pipeline task: renders as `$(tasks.<task>.results.<name>)`.
 *
 * Using it (or a string containing it) in another pipeline task's params, when expressions or matrix makes that
 * task depend on this one; Tekton derives the same edge from the expression, so no `runAfter` is emitted.
 */
export class TaskResultReference implements IExpression {
  /** The pipeline task name. */
  public readonly taskName: string;
  /** The result name. */
  public readonly resultName: string;
  /** The declared type, or `undefined` when the Task's interface is unknown. */
  public readonly type?: ResultType;
  /** `$(tasks.<task>.results.<name>)`. */
  public readonly expression: string;
  private readonly properties?: readonly string[];

  /** @internal */
  public constructor(taskName: string, resultName: string, type?: ResultType, properties?: readonly string[], isFinally = false) {
    this.taskName = taskName;
    this.resultName = resultName;
    this.type = type;
    this.properties = properties;
    // a finally task's results can only be read by pipeline results, under the `finally.` prefix.
    this.expression = isFinally ? finallyResultExpr(taskName, resultName) : taskResultExpr(taskName, resultName);
  }

  /** `$(tasks.<task>.results.<name>[*])`: the whole array result. */
  public items(): string {
    this.expect('array', 'items()');
    return taskResultArrayExpr(this.taskName, this.resultName);
  }

  /** `$(tasks.<task>.results.<name>[<index>])`: one element of an array result. */
  public item(index: number): string {
    this.expect('array', 'item()');
    return taskResultIndexExpr(this.taskName, this.resultName, index);
  }

  /** `$(tasks.<task>.results.<name>.<key>)`: one key of an object result. */
  public key(key: string): string {
    this.expect('object', 'key()');
    if (this.properties && !this.properties.includes(key)) {
      throw new TektonConstructError(
        'UNKNOWN_RESULT',
        `pipeline task '${this.taskName}': object result '${this.resultName}' has no key '${key}'; declared keys: ${this.properties.join(', ')}`,
      );
    }
    return taskResultKeyExpr(this.taskName, this.resultName, key);
  }

  /** Returns {@link expression}. */
  public toString(): string {
    return this.expression;
  }

  private expect(type: ResultType, method: string): void {
    if (this.type !== undefined && this.type !== type) {
      throw new TektonConstructError(
        'INVALID_PROPS',
        `pipeline task '${this.taskName}': ${method} needs a result of type '${type}' but '${this.resultName}' is of type '${this.type}'`,
      );
    }
  }
}
