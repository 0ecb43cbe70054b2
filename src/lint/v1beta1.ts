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
  readonly manifest: Obj;
  /** What did not convert (CONV-1 errors, CONV-2 warnings), with v1beta1 field paths. */
  readonly issues: ValidationIssue[];
}

/** Converts a v1beta1 object of a {@link CONVERTED_KINDS} kind to v1. */
export function convertV1beta1(doc: Obj): Conversion {
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
    ...list(out, 'sidecars', (s) => renamed(s, 'resources', 'computeResources'), path),
    ...(isObj(out.stepTemplate) ? { stepTemplate: container(out.stepTemplate, `${path}.stepTemplate`, issues, ['name', ...DEPRECATED_STEP_FIELDS]) } : {}),
  };
}

/** A step or step template: `resources` becomes `computeResources`; fields v1 lacks are dropped with a warning. */
function container(c: Obj, path: string, issues: ValidationIssue[], deprecated: readonly string[]): Obj {
  const out = renamed(c, 'resources', 'computeResources');
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
  const out = renamed(renamed(resources(spec, 'spec', issues), 'stepOverrides', 'stepSpecs'), 'sidecarOverrides', 'sidecarSpecs');
  return {
    ...out,
    ...(isObj(out.taskSpec) ? { taskSpec: taskSpec(out.taskSpec, 'spec.taskSpec', issues) } : {}),
    ...list(out, 'stepSpecs', (s) => renamed(s, 'resources', 'computeResources'), 'spec'),
    ...list(out, 'sidecarSpecs', (s) => renamed(s, 'resources', 'computeResources'), 'spec'),
  };
}

function pipelineRunSpec(spec: Obj, issues: ValidationIssue[]): Obj {
  const { timeout, serviceAccountName, podTemplate, ...out } = resources(spec, 'spec', issues);
  // v1beta1 validation refuses timeout with timeouts; the conversion lets timeout win.
  if (timeout !== undefined) out.timeouts = { pipeline: timeout };
  if (serviceAccountName !== undefined || podTemplate !== undefined) {
    out.taskRunTemplate = { ...(serviceAccountName !== undefined ? { serviceAccountName } : {}), ...(podTemplate !== undefined ? { podTemplate } : {}) };
  }
  if (isObj(out.pipelineSpec)) out.pipelineSpec = pipelineSpec(out.pipelineSpec, 'spec.pipelineSpec', issues);
  return { ...out, ...list(out, 'taskRunSpecs', taskRunSpecOverride, 'spec') };
}

/** A PipelineRun's `taskRunSpecs` entry: its v1beta1 names become v1's. */
function taskRunSpecOverride(entry: Obj): Obj {
  let out = renamed(entry, 'taskServiceAccountName', 'serviceAccountName');
  out = renamed(out, 'taskPodTemplate', 'podTemplate');
  out = renamed(renamed(out, 'stepOverrides', 'stepSpecs'), 'sidecarOverrides', 'sidecarSpecs');
  for (const key of ['stepSpecs', 'sidecarSpecs']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map((s) => (isObj(s) ? renamed(s, 'resources', 'computeResources') : s));
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
