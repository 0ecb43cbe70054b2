import { type IExpression, workspaceExpr } from '../tekton/index.js';

/**
 * A declared workspace of a Task or Pipeline.
 *
 * In a Task it renders as `$(workspaces.<name>.path)`; in a Pipeline only {@link WorkspaceReference.bound} is
 * meaningful, and the handle is what `addTask(..., { workspaces })` binds.
 */
export class WorkspaceReference implements IExpression {
  /** The workspace name. */
  public readonly name: string;
  /** Whether the run may leave it unbound. */
  public readonly optional: boolean;
  /** `$(workspaces.<name>.path)`. */
  public readonly expression: string;

  /** @internal */
  public constructor(name: string, optional: boolean) {
    this.name = name;
    this.optional = optional;
    this.expression = workspaceExpr(name, 'path');
  }

  /** `$(workspaces.<name>.path)`: where the workspace is mounted (Task side). */
  public get path(): string {
    return workspaceExpr(this.name, 'path');
  }

  /** `$(workspaces.<name>.bound)`: `"true"` when the run bound it (useful for optional workspaces). */
  public get bound(): string {
    return workspaceExpr(this.name, 'bound');
  }

  /** `$(workspaces.<name>.claim)`: the PVC name, or empty when not backed by a PVC (Task side). */
  public get claim(): string {
    return workspaceExpr(this.name, 'claim');
  }

  /** `$(workspaces.<name>.volume)`: the pod volume name (Task side). */
  public get volume(): string {
    return workspaceExpr(this.name, 'volume');
  }

  /** Returns {@link expression}. */
  public toString(): string {
    return this.expression;
  }
}
