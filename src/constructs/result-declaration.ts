import { type IExpression, resultPathExpr, type ResultType, type TaskResultSpec } from '../tekton/index.js';

/**
 * A result a Task declares. Renders as `$(results.<name>.path)`, the file a step writes the value to.
 */
export class ResultDeclaration implements IExpression {
  /** The result name. */
  public readonly name: string;
  /** The result type. */
  public readonly type: ResultType;
  /** The declaration as given. */
  public readonly spec: TaskResultSpec;
  /** `$(results.<name>.path)`. */
  public readonly expression: string;

  /** @internal */
  public constructor(spec: TaskResultSpec) {
    this.spec = spec;
    this.name = spec.name;
    this.type = spec.type ?? (spec.properties ? 'object' : 'string');
    this.expression = resultPathExpr(spec.name);
  }

  /** `$(results.<name>.path)`. */
  public get path(): string {
    return this.expression;
  }

  /** Returns {@link expression}. */
  public toString(): string {
    return this.expression;
  }
}
