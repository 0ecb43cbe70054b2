/**
 * tekton.dev/v1beta1 Tasks, Pipelines, TaskRuns and PipelineRuns converted to v1 the way Tekton's
 * conversion webhook does (tektoncd/pipeline pkg/apis/pipeline/v1beta1/*_conversion.go, v1.15), so the v1
 * rules can judge them. Fields with the same name carry over; renamed ones move; what v1 has no place
 * for is reported: PipelineResources (CONV-1, an error: Tekton v1.15's webhook refuses them in v1beta1
 * too, and conversion only keeps them in an annotation) and the container fields a v1beta1 step or step
 * template accepted but never used (CONV-2, a warning: Tekton admits them).
 */
import type { ValidationIssue } from '../tekton/validation/index.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kinds conversion applies to (a v1beta1 StepAction is validated as it is). */
export const CONVERTED_KINDS: ReadonlySet<string> = new Set(['Task', 'Pipeline', 'TaskRun', 'PipelineRun']);

/** Container fields of a v1beta1 step that v1 steps do not have (Tekton stores them in an annotation). */
const DEPRECATED_STEP_FIELDS = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'stdin', 'stdinOnce', 'tty'];

/** The result of converting one object. */
export interface Conversion {
  /** The v1 object. */
  readonly manifest: Record<string, unknown>;
  /** What did not convert (CONV-1 errors, CONV-2 warnings), with v1beta1 field paths. */
  readonly issues: ValidationIssue[];
}

/** Converts a v1beta1 object of a {@link CONVERTED_KINDS} kind to v1. */
export function convertV1beta1(doc: Record<string, unknown>): Conversion {
  const issues: ValidationIssue[] = [];
  const spec = isObj(doc.spec) ? doc.spec : {};
  let converted: Obj;
  switch (doc.kind) {
    case 'Task':
      converted = taskSpec(spec, 'spec', issues);
      break;
    case 'Pipeline':
      converted = pipelineSpec(spec, 'spec', issues);
      break;
    case 'TaskRun':
      converted = taskRunSpec(spec, issues);
      break;
    default:
      converted = pipelineRunSpec(spec, issues);
      break;
  }
  const { status: _status, ...rest } = doc;
  return { manifest: { ...rest, apiVersion: 'tekton.dev/v1', spec: converted }, issues };
}

function resources(o: Obj, path: string, issues: ValidationIssue[]): Obj {
  if (o.resources === undefined) return o;
  issues.push({
    ruleId: 'CONV-1',
    severity: 'error',
    path: `${path}.resources`,
    message: 'PipelineResources do not exist in tekton.dev/v1 and Tekton\'s webhook refuses them in v1beta1 too (conversion would only keep them in an annotation)',
    fix: 'replace them with workspaces, params and results (Tekton\'s PipelineResources migration guide), then remove resources',
  });
  const { resources: _dropped, ...rest } = o;
  return rest;
}

function taskSpec(spec: Obj, path: string, issues: ValidationIssue[]): Obj {
  const out = resources(spec, path, issues);
  return {
    ...out,
    ...list(out, 'steps', (s, p) => container(s, p, issues, DEPRECATED_STEP_FIELDS), path),
    ...list(out, 'sidecars', (s, p) => renamed(v1Names(s, p, { computeResources: 'resources' }, issues), 'resources', 'computeResources'), path),
    ...(isObj(out.stepTemplate) ? { stepTemplate: container(out.stepTemplate, `${path}.stepTemplate`, issues, ['name', ...DEPRECATED_STEP_FIELDS]) } : {}),
  };
}

/** A step or step template: `resources` becomes `computeResources`; fields v1 lacks are dropped with a warning. */
function container(c: Obj, path: string, issues: ValidationIssue[], deprecated: readonly string[]): Obj {
  const out = renamed(v1Names(c, path, { computeResources: 'resources' }, issues), 'resources', 'computeResources');
  for (const field of deprecated) {
    if (out[field] === undefined) continue;
    issues.push({
      ruleId: 'CONV-2',
      severity: 'warning',
      path: `${path}.${field}`,
      message: `${field} is not a field of a tekton.dev/v1 step: conversion moves it to an annotation and the step never used it`,
      fix: `remove ${field}`,
    });
    delete out[field];
  }
  return out;
}

function pipelineSpec(spec: Obj, path: string, issues: ValidationIssue[]): Obj {
  const out = resources(spec, path, issues);
  return { ...out, ...list(out, 'tasks', (t, p) => pipelineTask(t, p, issues), path), ...list(out, 'finally', (t, p) => pipelineTask(t, p, issues), path) };
}

function pipelineTask(task: Obj, path: string, issues: ValidationIssue[]): Obj {
  const out = resources(task, path, issues);
  if (!isObj(out.taskSpec)) return out;
  return { ...out, taskSpec: taskSpec(out.taskSpec, `${path}.taskSpec`, issues) };
}

function taskRunSpec(spec: Obj, issues: ValidationIssue[]): Obj {
  const out = overrides(v1Names(resources(spec, 'spec', issues), 'spec', { stepSpecs: 'stepOverrides', sidecarSpecs: 'sidecarOverrides' }, issues), 'spec', issues);
  return { ...out, ...(isObj(out.taskSpec) ? { taskSpec: taskSpec(out.taskSpec, 'spec.taskSpec', issues) } : {}) };
}

/** `stepOverrides`/`sidecarOverrides` of a TaskRun or `taskRunSpecs` entry become v1's `stepSpecs`/`sidecarSpecs`. */
function overrides(o: Obj, path: string, issues: ValidationIssue[]): Obj {
  let out = o;
  for (const [from, to] of [['stepOverrides', 'stepSpecs'], ['sidecarOverrides', 'sidecarSpecs']] as const) {
    out = renamed({ ...out, ...list(out, from, (s, p) => renamed(v1Names(s, p, { computeResources: 'resources' }, issues), 'resources', 'computeResources'), path) }, from, to);
  }
  return out;
}

function pipelineRunSpec(spec: Obj, issues: ValidationIssue[]): Obj {
  const { timeout, serviceAccountName, podTemplate, ...out } = v1Names(resources(spec, 'spec', issues), 'spec', { taskRunTemplate: 'serviceAccountName and podTemplate' }, issues);
  // v1beta1 validation refuses timeout with timeouts; the conversion lets timeout win.
  if (timeout !== undefined) out.timeouts = { pipeline: timeout };
  if (serviceAccountName !== undefined || podTemplate !== undefined) {
    out.taskRunTemplate = { ...(serviceAccountName !== undefined ? { serviceAccountName } : {}), ...(podTemplate !== undefined ? { podTemplate } : {}) };
  }
  if (isObj(out.pipelineSpec)) out.pipelineSpec = pipelineSpec(out.pipelineSpec, 'spec.pipelineSpec', issues);
  return { ...out, ...list(out, 'taskRunSpecs', (entry, path) => taskRunSpecOverride(entry, path, issues), 'spec') };
}

/** A PipelineRun's `taskRunSpecs` entry: its v1beta1 names become v1's. */
function taskRunSpecOverride(entry: Obj, path: string, issues: ValidationIssue[]): Obj {
  const v1 = { serviceAccountName: 'taskServiceAccountName', podTemplate: 'taskPodTemplate', stepSpecs: 'stepOverrides', sidecarSpecs: 'sidecarOverrides' };
  const out = renamed(renamed(v1Names(entry, path, v1, issues), 'taskServiceAccountName', 'serviceAccountName'), 'taskPodTemplate', 'podTemplate');
  return overrides(out, path, issues);
}

/**
 * v1 field names written in a v1beta1 object: Tekton's strict decoding of v1beta1 refuses them (SCH-3), so
 * they are reported with v1beta1's name and left out of the conversion.
 */
function v1Names(o: Obj, path: string, names: Readonly<Record<string, string>>, issues: ValidationIssue[]): Obj {
  let out = o;
  for (const [v1, v1beta1] of Object.entries(names)) {
    if (out[v1] === undefined) continue;
    issues.push({
      ruleId: 'SCH-3',
      severity: 'error',
      path: path === '' ? v1 : `${path}.${v1}`,
      message: `unknown field "${v1}" in a tekton.dev/v1beta1 object (it is tekton.dev/v1's name)`,
      fix: `write ${v1beta1} (v1beta1's name), or set apiVersion to tekton.dev/v1`,
    });
    const { [v1]: _dropped, ...rest } = out;
    out = rest;
  }
  return out;
}

/** A copy with `from` renamed to `to` (nothing when `from` is absent). */
function renamed(o: Obj, from: string, to: string): Obj {
  if (o[from] === undefined) return { ...o };
  const { [from]: value, ...rest } = o;
  return { ...rest, [to]: value };
}

/** `{ [key]: items mapped }` when `o[key]` is a list; object items are mapped with their `path[name]`. */
function list(o: Obj, key: string, map: (item: Obj, path: string) => Obj, path: string): Obj {
  const items = o[key];
  if (!Array.isArray(items)) return {};
  return {
    [key]: items.map((item, i) => {
      if (!isObj(item)) return item;
      const name = typeof item.name === 'string' && item.name !== '' ? item.name : String(i);
      return map(item, `${path}.${key}[${name}]`);
    }),
  };
}
