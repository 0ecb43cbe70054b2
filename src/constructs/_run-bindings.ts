/**
 * Private helpers shared by TaskRun and PipelineRun: params and workspace bindings checked against what the
 * Task or Pipeline declares.
 */
import {
  findTaskResultUses,
  type Param,
  type ParamSpec,
  type WorkspaceBinding,
  type WorkspaceVolumeSource,
} from '../tekton/index.js';
import { checkParams } from './_checks.js';
import { type ParamValueInput, stringsOf, toParamValue } from './_values.js';
import { TektonConstructError } from './errors.js';

/** A run-time workspace binding as runs take it: a volume source (see `WorkspaceSources`), optionally a subPath. */
export type RunWorkspaceInput = WorkspaceVolumeSource & {
  /** Sub-directory of the volume. @default - the whole volume */
  readonly subPath?: string;
};

const SOURCES = ['emptyDir', 'persistentVolumeClaim', 'volumeClaimTemplate', 'configMap', 'secret', 'projected', 'csi'] as const;

/** Converts and checks run params (RUN-3 and the declared-param checks). */
export function runParams(
  where: string,
  target: string,
  declared: readonly ParamSpec[] | undefined,
  input: Readonly<Record<string, ParamValueInput>> | undefined,
  runs: 'Task' | 'Pipeline',
): Param[] {
  const passed = new Map(Object.entries(input ?? {}).map(([k, v]) => [k, toParamValue(v)]));
  for (const [name, value] of passed) {
    if (stringsOf(value).some((s) => findTaskResultUses(s).length > 0)) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: param '${name}' references a task result, which a run cannot do; pass a literal value`);
    }
  }
  checkParams(where, target, declared, passed, { id: 'RUN-14', path: 'spec.params', what: `the ${runs}` });
  return [...passed].map(([name, value]) => ({ name, value }));
}

/** Converts and checks run workspace bindings (WS-5, WS-7, WS-8). */
export function runWorkspaces(
  where: string,
  target: string,
  declared: readonly { readonly name: string; readonly optional?: boolean }[] | undefined,
  input: Readonly<Record<string, RunWorkspaceInput>> | undefined,
): WorkspaceBinding[] {
  const bindings: WorkspaceBinding[] = [];
  for (const [name, source] of Object.entries(input ?? {})) {
    const set = SOURCES.filter((s) => source[s] !== undefined);
    if (set.length !== 1) {
      throw new TektonConstructError(
        'INVALID_PROPS',
        `${where}: workspace '${name}' must have exactly one volume source (${SOURCES.join(', ')}), got ${set.length === 0 ? 'none' : set.join(', ')}; use WorkspaceSources`,
      );
    }
    if (declared && !declared.some((d) => d.name === name)) {
      throw new TektonConstructError(
        'UNKNOWN_WORKSPACE',
        `${where}: ${target} has no workspace '${name}'; declared workspaces: ${declared.map((d) => d.name).join(', ') || 'none'}`,
      );
    }
    bindings.push({ ...source, name });
  }
  for (const d of declared ?? []) {
    if (!d.optional && !(d.name in (input ?? {}))) {
      throw new TektonConstructError('MISSING_WORKSPACE', `${where}: required workspace '${d.name}' of ${target} is not bound; bind it in workspaces`);
    }
  }
  return bindings;
}
