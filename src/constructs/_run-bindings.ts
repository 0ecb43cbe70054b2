/**
 * Private helpers shared by TaskRun and PipelineRun: params and workspace bindings checked against what the
 * Task or Pipeline declares.
 */
import {
  findTaskResultUses,
  type JsonObject,
  type Param,
  type ParamSpec,
  renderParams,
  renderWorkspaceBinding,
  TEKTON_API_VERSION,
  type WorkspaceBinding,
  type WorkspaceVolumeSource,
} from '../tekton/index.js';
import type { ValidationContext } from '../tekton/validation/index.js';
import { checkParams, throwAsValidated } from './_checks.js';
import { type ParamValueInput, stringsOf, toParamValue } from './_values.js';
import type { TektonConstructErrorCode } from './errors.js';

/** A run-time workspace binding as runs take it: a volume source (see `WorkspaceSources`), optionally a subPath. */
export type RunWorkspaceInput = WorkspaceVolumeSource & {
  /** Sub-directory of the volume. @default - the whole volume */
  readonly subPath?: string;
};

const SOURCES = ['emptyDir', 'persistentVolumeClaim', 'volumeClaimTemplate', 'configMap', 'secret', 'projected', 'csi'] as const;

/** Where a run's params and workspaces are checked. */
export interface RunSite {
  /** The run's construct path. */
  readonly where: string;
  /** What it runs, for the construct's own messages (e.g. `task 'build'`). */
  readonly target: string;
  readonly runs: 'Task' | 'Pipeline';
  /** The rendered `taskRef`/`taskSpec` or `pipelineRef`/`pipelineSpec`. */
  readonly ref: JsonObject;
  /** Finds what the run references by name, as its interface declares it. */
  readonly context: ValidationContext;
}

/**
 * Throws the validator's issue (one of `rules`) about a run with `spec` (its params or workspaces), for a mistake a
 * check here found; the construct's own `fallback` when no rule reports it.
 */
function judge(site: RunSite, spec: JsonObject, rules: Readonly<Record<string, TektonConstructErrorCode>>, code: TektonConstructErrorCode, fallback: string): never {
  const manifest = { apiVersion: TEKTON_API_VERSION, kind: `${site.runs}Run`, metadata: { name: 'run' }, spec: { ...site.ref, ...spec } };
  return throwAsValidated(site.where, manifest, 'spec', rules, { code, message: fallback }, site.context);
}

/** Converts and checks run params (RUN-3 and the declared-param checks). */
export function runParams(site: RunSite, declared: readonly ParamSpec[] | undefined, input: Readonly<Record<string, ParamValueInput>> | undefined): Param[] {
  const passed = new Map(Object.entries(input ?? {}).map(([k, v]) => [k, toParamValue(v)]));
  const params = (): Param[] => [...passed].map(([name, value]) => ({ name, value }));
  for (const [name, value] of passed) {
    if (stringsOf(value).some((s) => findTaskResultUses(s).length > 0)) {
      judge(site, { params: renderParams(params()) ?? [] }, { 'RUN-3': 'INVALID_PROPS' }, 'INVALID_PROPS',
        `param '${name}' references a task result, which a run cannot do; pass a literal value`);
    }
  }
  checkParams(site.where, site.target, declared, passed, { id: 'RUN-14', path: 'spec.params', what: `the ${site.runs}` });
  return params();
}

/** Converts and checks run workspace bindings (WS-5, WS-7 for a TaskRun, WS-8 for a PipelineRun). */
export function runWorkspaces(
  site: RunSite,
  declared: readonly { readonly name: string; readonly optional?: boolean }[] | undefined,
  input: Readonly<Record<string, RunWorkspaceInput>> | undefined,
): WorkspaceBinding[] {
  const all = Object.entries(input ?? {}).map(([name, source]): WorkspaceBinding => ({ ...source, name }));
  const bound = (rules: Readonly<Record<string, TektonConstructErrorCode>>, code: TektonConstructErrorCode, fallback: string): never =>
    judge(site, { workspaces: all.map(renderWorkspaceBinding) }, rules, code, fallback);
  const rule = site.runs === 'Task' ? 'WS-7' : 'WS-8';
  for (const binding of all) {
    const { name } = binding;
    const set = SOURCES.filter((s) => binding[s] !== undefined);
    if (set.length !== 1) {
      bound({ 'WS-5': 'INVALID_PROPS' }, 'INVALID_PROPS',
        `workspace '${name}' must have exactly one volume source (${SOURCES.join(', ')}), got ${set.length === 0 ? 'none' : set.join(', ')}; use WorkspaceSources`);
    }
    if (declared && !declared.some((d) => d.name === name)) {
      bound({ [rule]: 'UNKNOWN_WORKSPACE' }, 'UNKNOWN_WORKSPACE',
        `${site.target} has no workspace '${name}'; declared workspaces: ${declared.map((d) => d.name).join(', ') || 'none'}`);
    }
  }
  for (const d of declared ?? []) {
    if (!d.optional && !(d.name in (input ?? {}))) {
      bound({ [rule]: 'MISSING_WORKSPACE' }, 'MISSING_WORKSPACE', `required workspace '${d.name}' of ${site.target} is not bound; bind it in workspaces`);
    }
  }
  return all;
}
