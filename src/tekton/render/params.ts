/**
 * Renders params, results, workspaces, when expressions and refs to plain Tekton JSON.
 */
import type { Param, ParamSpec, ParamValue } from '../model/params.js';
import type { PipelineRef, StepActionRef, TaskRef } from '../model/refs.js';
import type { PipelineResultSpec, StepResultSpec, TaskResultSpec } from '../model/results.js';
import type { WhenExpression } from '../model/when.js';
import type {
  PipelineWorkspaceDeclaration,
  WorkspaceBinding,
  WorkspaceDeclaration,
  WorkspacePipelineTaskBinding,
  WorkspaceUsage,
} from '../model/workspaces.js';
import { coreJson } from './core.js';
import { compact, type JsonObject, type JsonValue, mapList } from './json.js';

/** A param value as JSON; empty arrays and objects are kept because they are meaningful values. */
export function renderParamValue(value: ParamValue): JsonValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return [...(value as readonly string[])];
  return { ...(value as Record<string, string>) };
}

function renderProperties(keys: readonly string[] | undefined): JsonObject | undefined {
  if (!keys || keys.length === 0) return undefined;
  const props: JsonObject = {};
  for (const key of keys) props[key] = { type: 'string' };
  return props;
}

/** A ParamSpec, always with an explicit `type`. */
export function renderParamSpec(spec: ParamSpec): JsonObject {
  const type = spec.type ?? 'string';
  const out = compact({
    name: spec.name,
    type,
    description: spec.description,
    properties: spec.type === 'object' ? renderProperties(spec.properties) : undefined,
    enum: spec.type !== 'array' && spec.type !== 'object' && spec.enum ? [...spec.enum] : undefined,
  });
  if (spec.default !== undefined) out.default = renderParamValue(spec.default);
  return out;
}

/** A Param (name and value). */
export function renderParam(param: Param): JsonObject {
  return { name: param.name, value: renderParamValue(param.value) };
}

/** A list of params, or `undefined` when empty. */
export function renderParams(params: readonly Param[] | undefined): JsonObject[] | undefined {
  return mapList(params, renderParam);
}

/** A step or StepAction result declaration, always with an explicit `type`. */
export function renderStepResult(spec: StepResultSpec): JsonObject {
  return compact({
    name: spec.name,
    type: spec.type ?? (spec.properties ? 'object' : 'string'),
    description: spec.description,
    properties: renderProperties(spec.properties),
  });
}

/** A Task result declaration. */
export function renderTaskResult(spec: TaskResultSpec): JsonObject {
  return compact({ ...renderStepResult(spec), value: spec.value });
}

/** A Pipeline result declaration. */
export function renderPipelineResult(spec: PipelineResultSpec): JsonObject {
  const out = compact({ name: spec.name, type: spec.type ?? 'string', description: spec.description });
  out.value = renderParamValue(spec.value);
  return out;
}

/** A Task workspace declaration. */
export function renderWorkspaceDeclaration(ws: WorkspaceDeclaration): JsonObject {
  return compact({
    name: ws.name,
    description: ws.description,
    mountPath: ws.mountPath,
    readOnly: ws.readOnly || undefined,
    optional: ws.optional || undefined,
  });
}

/** A Pipeline workspace declaration. */
export function renderPipelineWorkspaceDeclaration(ws: PipelineWorkspaceDeclaration): JsonObject {
  return compact({ name: ws.name, description: ws.description, optional: ws.optional || undefined });
}

/** A pipeline task's workspace binding. */
export function renderPipelineTaskWorkspace(ws: WorkspacePipelineTaskBinding): JsonObject {
  return compact({ name: ws.name, workspace: ws.workspace, subPath: ws.subPath });
}

/** A step or sidecar workspace usage. */
export function renderWorkspaceUsage(ws: WorkspaceUsage): JsonObject {
  return { name: ws.name, mountPath: ws.mountPath };
}

/** A run-time workspace binding. */
export function renderWorkspaceBinding(ws: WorkspaceBinding): JsonObject {
  return compact({
    name: ws.name,
    subPath: ws.subPath,
    emptyDir: ws.emptyDir ? (coreJson.emptyDir(ws.emptyDir) ?? {}) : undefined,
    persistentVolumeClaim: coreJson.pvcVolume(ws.persistentVolumeClaim),
    volumeClaimTemplate: ws.volumeClaimTemplate
      ? compact({
          metadata: coreJson.objectMeta(ws.volumeClaimTemplate.metadata),
          spec: coreJson.pvcSpec(ws.volumeClaimTemplate.spec),
        })
      : undefined,
    configMap: coreJson.configMapVolume(ws.configMap),
    secret: coreJson.secretVolume(ws.secret),
    projected: coreJson.projectedVolume(ws.projected),
    csi: coreJson.csiVolume(ws.csi),
  });
}

/** A when expression. */
export function renderWhen(when: WhenExpression): JsonObject {
  if ('cel' in when) return { cel: when.cel };
  return { input: when.input, operator: when.operator, values: [...when.values] };
}

/** A taskRef, pipelineRef or step ref. */
export function renderRef(ref: TaskRef | PipelineRef | StepActionRef): JsonObject {
  const r = ref as TaskRef;
  return compact({
    name: r.name,
    kind: r.kind,
    apiVersion: r.apiVersion,
    resolver: r.resolver,
    params: renderParams(r.params),
  });
}
