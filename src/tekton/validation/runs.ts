/**
 * TaskRun and PipelineRun: RUN-1 to RUN-12, RUN-14, and the run-level workspace rules WS-5 to WS-11.
 */
import { checkRequiredParams } from './cross-refs.js';
import { applyDefaults } from './defaults.js';
import { asResultUse, findRefs, stringsIn } from './expressions.js';
import { alphaOn, betaOn, type ResolvedFlags } from './flags.js';
import type { ValidationContext } from './index.js';
import { declaredParams, valueShape, type ParamDecl } from './params.js';
import { defaultedReference, type ValidationMemo } from './memo.js';
import { validatePipelineSpec } from './pipeline-spec.js';
import { validateRef } from './refs.js';
import { validateTaskSpec } from './task-spec.js';
import { checkPipelineRunFsGroup, checkTaskRunFsGroup } from './fs-group.js';
import { checkInlineParamCrash } from './inline-params.js';
import { pvcBindings, readOnlySourceBindings, validateBindings } from './workspaces.js';
import { asObj, duplicates, entry, field, has, isObj, objs, parseDuration, str, strs, type Issues, type Obj } from './_model.js';

/** The default run timeout (`default-timeout-minutes`: 60). */
const DEFAULT_TIMEOUT_MS = 60 * 60_000;

interface RunCtx {
  readonly flags: ResolvedFlags;
  readonly issues: Issues;
  readonly context: ValidationContext;
}

/** Run params as declarations, so inline specs may use them (propagation, RUN-11). */
function runParams(spec: Obj): Map<string, ParamDecl> {
  return new Map(
    objs(spec.params).map((p) => {
      const name = str(p.name) ?? '';
      return [name, { name, type: valueShape(p.value) ?? 'string', keys: new Set(isObj(p.value) ? Object.keys(p.value) : []), hasDefault: true, enum: [] }];
    }),
  );
}

function validateCommon(spec: Obj, refKey: 'taskRef' | 'pipelineRef', specKey: 'taskSpec' | 'pipelineSpec', inlineFlag: string, r: RunCtx): void {
  const { issues, flags } = r;
  if (has(spec, refKey) === has(spec, specKey)) {
    issues.error('RUN-1', 'spec', `run must set exactly one of ${refKey} and ${specKey}`, `set ${refKey} (by name or resolver) or ${specKey}, not both`);
  }
  if (has(spec, specKey) && flags.disableInlineSpec.has(inlineFlag)) {
    issues.error('RUN-12', field('spec', specKey), `inline ${specKey} is disabled by disable-inline-spec`, `use ${refKey} instead`);
  }
  if (has(spec, refKey)) validateRef(spec[refKey], field('spec', refKey), flags, issues);
  for (const dup of duplicates(objs(spec.params).map((p) => str(p.name) ?? ''), true)) {
    issues.error('RUN-2', entry(field('spec', 'params'), dup), `param "${dup}" is passed more than once (names are case-insensitive)`, 'pass each param once', dup);
  }
  validateBindings(spec.workspaces, field('spec', 'workspaces'), issues);
}

function checkDuration(value: unknown, path: string, rule: string, issues: Issues): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined || ms < 0) {
    issues.error(rule, path, 'timeout must be a non-negative duration', 'write a Go duration such as "1h" ("0" means no timeout)', value);
    return undefined;
  }
  return ms;
}

function checkForbiddenEnv(podTemplate: unknown, path: string, r: RunCtx): void {
  objs(asObj(podTemplate).env).forEach((e, i) => {
    const name = str(e.name) ?? '';
    if (r.flags.forbiddenEnv.has(name)) {
      r.issues.error('RUN-10', field(entry(field(path, 'env'), i), 'name'), `env variable "${name}" is forbidden by default-forbidden-env`, 'remove it from the pod template', name);
    }
  });
}

function checkStartedPending(manifest: Obj, pending: boolean, r: RunCtx): void {
  if (pending && has(asObj(manifest.status), 'startTime')) {
    r.issues.error('RUN-5', field('spec', 'status'), 'a run that has started cannot be set pending', 'remove the pending status');
  }
}

/** stepSpecs, sidecarSpecs and computeResources of a TaskRun or a taskRunSpecs entry (RUN-8). */
function checkOverrides(o: Obj, path: string, r: RunCtx): void {
  for (const key of ['stepSpecs', 'sidecarSpecs', 'computeResources']) {
    if (has(o, key) && !betaOn(r.flags)) r.issues.error('RUN-8', field(path, key), `${key} needs enable-api-fields "beta" or "alpha"`, `remove ${key}, or enable beta API fields`);
  }
  for (const key of ['stepSpecs', 'sidecarSpecs']) {
    const list = objs(o[key]);
    list.forEach((s, i) => {
      if ((str(s.name) ?? '') === '') r.issues.error('RUN-8', field(entry(field(path, key), i), 'name'), `${key} entry has no name`, 'name the step or sidecar to override');
    });
    for (const dup of duplicates(list.map((s) => str(s.name) ?? '').filter((n) => n !== ''))) {
      r.issues.error('RUN-8', entry(field(path, key), dup), `${key} names "${dup}" more than once`, 'override each step or sidecar once', dup);
    }
  }
  if (has(o, 'computeResources') && objs(o.stepSpecs).some((s) => has(s, 'computeResources'))) {
    r.issues.error('RUN-8', field(path, 'computeResources'), 'task-level computeResources cannot be combined with stepSpecs that set resources', 'use either computeResources or per-step resources');
  }
}

/** Validates a TaskRun. */
export function validateTaskRun(manifest: Obj, r: RunCtx): void {
  const spec = asObj(manifest.spec);
  const { issues, flags } = r;
  validateCommon(spec, 'taskRef', 'taskSpec', 'taskrun', r);
  const status = str(spec.status);
  if (status !== undefined && status !== 'TaskRunCancelled' && status !== 'TaskRunPending') {
    issues.error('RUN-5', field('spec', 'status'), 'status must be TaskRunCancelled or TaskRunPending', 'set status to "TaskRunCancelled" or "TaskRunPending"', status);
  }
  if (has(spec, 'statusMessage') && status === undefined) issues.error('RUN-5', field('spec', 'statusMessage'), 'statusMessage needs status', 'set status, or remove statusMessage');
  checkStartedPending(manifest, status === 'TaskRunPending', r);
  if (typeof spec.retries === 'number' && spec.retries < 0) issues.error('RUN-6', field('spec', 'retries'), 'retries must not be negative', 'use 0 or more', spec.retries);
  checkDuration(spec.timeout, field('spec', 'timeout'), 'RUN-6', issues);
  checkOverrides(spec, 'spec', r);
  if (has(spec, 'debug')) {
    const debug = asObj(spec.debug);
    if (!alphaOn(flags)) issues.error('RUN-9', field('spec', 'debug'), 'debug needs enable-api-fields "alpha"', 'remove debug, or enable alpha API fields');
    const bp = asObj(debug.breakpoints);
    if (has(bp, 'onFailure') && bp.onFailure !== 'enabled') issues.error('RUN-9', field(field(field('spec', 'debug'), 'breakpoints'), 'onFailure'), 'breakpoints.onFailure must be "enabled"', 'set onFailure to "enabled"', bp.onFailure);
    for (const dup of duplicates(strs(bp.beforeSteps))) issues.error('RUN-9', field(field(field('spec', 'debug'), 'breakpoints'), 'beforeSteps'), `beforeSteps lists "${dup}" more than once`, 'list each step once', dup);
  }
  checkForbiddenEnv(spec.podTemplate, field('spec', 'podTemplate'), r);
  if (isObj(spec.taskSpec)) {
    validateTaskSpec(spec.taskSpec, { path: field('spec', 'taskSpec'), outerParams: runParams(spec), undeclaredRule: 'RUN-11', inPipeline: false, flags, issues, ...(r.context.findStepAction ? { findStepAction: r.context.findStepAction } : {}) });
  }
  const taskSpec = isObj(spec.taskSpec) ? spec.taskSpec : referencedSpec(spec.taskRef, 'Task', r.context.findTask, r.context.memo);
  if (taskSpec) validateTaskRunAgainstTask(spec, taskSpec, isObj(spec.taskSpec), r);
}

function referencedSpec(ref: unknown, kind: string, find: ((name: string) => unknown) | undefined, memo: ValidationMemo | undefined): Obj | undefined {
  const o = asObj(ref);
  const name = str(o.name);
  if (name === undefined || has(o, 'resolver') || (has(o, 'kind') && o.kind !== kind) || !find) return undefined;
  const found = find(name);
  return isObj(found) ? asObj(defaultedReference(found, kind, memo).spec) : undefined;
}

/** RUN-14, WS-7 and WS-11 of a TaskRun against its Task. */
function validateTaskRunAgainstTask(spec: Obj, taskSpec: Obj, inline: boolean, r: RunCtx): void {
  const passed = new Map(objs(spec.params).map((p) => [str(p.name) ?? '', p.value]));
  checkRequiredParams(declaredParams(taskSpec.params), passed, field('spec', 'params'), 'the Task', 'RUN-14', r.issues);
  const declared = new Map(objs(taskSpec.workspaces).map((w) => [str(w.name) ?? '', w]));
  const bound = new Set<string>();
  const readOnlySources = readOnlySourceBindings(spec.workspaces);
  objs(spec.workspaces).forEach((b, i) => {
    const name = str(b.name) ?? '';
    bound.add(name);
    const decl = declared.get(name);
    const p = entry(field('spec', 'workspaces'), name || i);
    // An inline taskSpec sees every workspace of the run (propagation), declared or not.
    if (!decl && !inline) r.issues.error('WS-7', p, `binding "${name}" does not match any declared workspace`, `bind one of: ${[...declared.keys()].join(', ') || '(none)'}`, name);
    else if (decl && readOnlySources.has(name) && decl.readOnly !== true) r.issues.warn('WS-11', p, `secret or configMap bound to workspace "${name}", which is not readOnly`, 'declare the workspace readOnly: true', name);
  });
  for (const [name, decl] of declared) {
    if (decl.optional !== true && !bound.has(name)) {
      r.issues.error('WS-7', field('spec', 'workspaces'), `declared workspace "${name}" is required but has not been bound`, `bind "${name}" in spec.workspaces`, name);
    }
  }
  checkTaskRunFsGroup(spec, taskSpec, r.issues);
  const stepNames = new Set(objs(taskSpec.steps).map((s) => str(s.name) ?? ''));
  objs(spec.stepSpecs).forEach((s, i) => {
    const name = str(s.name) ?? '';
    if (name !== '' && !stepNames.has(name)) r.issues.error('RUN-14', field(entry(field('spec', 'stepSpecs'), i), 'name'), `stepSpecs names step "${name}", which the Task does not have`, 'use the name of a step of the Task', name);
  });
}

/** Validates a PipelineRun. */
export function validatePipelineRun(manifest: Obj, r: RunCtx): void {
  const spec = asObj(manifest.spec);
  const { issues, flags } = r;
  validateCommon(spec, 'pipelineRef', 'pipelineSpec', 'pipelinerun', r);
  objs(spec.params).forEach((p, i) => {
    for (const s of stringsIn(p.value, field(entry(field('spec', 'params'), str(p.name) || i), 'value'))) {
      if (findRefs(s.text).some((ref) => asResultUse(ref)?.scope === 'tasks')) {
        issues.error('RUN-3', s.path, 'params of a PipelineRun cannot use task results', 'pass a literal value; task results are only available inside the pipeline', s.text);
      }
    }
  });
  const status = str(spec.status);
  if (status !== undefined && !['Cancelled', 'CancelledRunFinally', 'StoppedRunFinally', 'PipelineRunPending'].includes(status)) {
    issues.error('RUN-5', field('spec', 'status'), 'status must be Cancelled, CancelledRunFinally, StoppedRunFinally or PipelineRunPending', 'use one of the listed values', status);
  }
  checkStartedPending(manifest, status === 'PipelineRunPending', r);
  const limits = validateTimeouts(asObj(spec.timeouts), r);
  checkForbiddenEnv(asObj(spec.taskRunTemplate).podTemplate, field(field('spec', 'taskRunTemplate'), 'podTemplate'), r);
  const trsPath = field('spec', 'taskRunSpecs');
  const trs = objs(spec.taskRunSpecs);
  trs.forEach((t, i) => {
    const p = entry(trsPath, str(t.pipelineTaskName) || i);
    if ((str(t.pipelineTaskName) ?? '') === '') issues.error('RUN-14', field(p, 'pipelineTaskName'), 'taskRunSpecs entry has no pipelineTaskName', 'name the pipeline task to override');
    checkOverrides(t, p, r);
    checkForbiddenEnv(t.podTemplate, field(p, 'podTemplate'), r);
    const ms = checkDuration(t.timeout, field(p, 'timeout'), 'RUN-8', issues);
    if (ms !== undefined && limits.tasks > 0 && ms > limits.tasks) {
      issues.error('RUN-8', field(p, 'timeout'), 'taskRunSpecs timeout is longer than the pipeline allows', 'shorten it to at most timeouts.tasks (or timeouts.pipeline)', t.timeout);
    }
  });
  for (const dup of duplicates(trs.map((t) => str(t.pipelineTaskName) ?? '').filter((n) => n !== ''))) {
    issues.error('RUN-8', entry(trsPath, dup), `taskRunSpecs names pipeline task "${dup}" more than once`, 'merge the entries', dup);
  }
  if (isObj(spec.pipelineSpec)) {
    const outerWorkspaces = new Set(objs(spec.workspaces).map((b) => str(b.name) ?? ''));
    validatePipelineSpec(spec.pipelineSpec, { path: field('spec', 'pipelineSpec'), outerParams: runParams(spec), outerWorkspaces, embeddedRule: 'RUN-11', flags, issues, context: r.context });
    checkInlineParamCrash(spec, spec.pipelineSpec, issues);
  }
  const pipelineSpec = isObj(spec.pipelineSpec) ? applyDefaults({ kind: 'Pipeline', spec: spec.pipelineSpec }).spec : referencedSpec(spec.pipelineRef, 'Pipeline', r.context.findPipeline, r.context.memo);
  if (isObj(pipelineSpec)) validatePipelineRunAgainstPipeline(spec, pipelineSpec, r);
}

/** RUN-7; returns the effective limits (ms; 0 means none) for RUN-8. */
function validateTimeouts(t: Obj, r: RunCtx): { tasks: number } {
  const path = field('spec', 'timeouts');
  const pipeline = checkDuration(t.pipeline, field(path, 'pipeline'), 'RUN-7', r.issues) ?? (has(t, 'pipeline') ? undefined : DEFAULT_TIMEOUT_MS);
  const tasks = checkDuration(t.tasks, field(path, 'tasks'), 'RUN-7', r.issues);
  const fin = checkDuration(t.finally, field(path, 'finally'), 'RUN-7', r.issues);
  if (pipeline === undefined) return { tasks: tasks ?? 0 };
  for (const [key, v] of [['tasks', tasks], ['finally', fin]] as const) {
    if (v === undefined) continue;
    if (v === 0 && pipeline !== 0) r.issues.error('RUN-7', field(path, key), `timeouts.${key} "0" (no timeout) needs timeouts.pipeline "0" too`, `set a finite timeouts.${key}, or timeouts.pipeline to "0"`, t[key]);
    else if (pipeline !== 0 && v > pipeline) r.issues.error('RUN-7', field(path, key), `timeouts.${key} is longer than timeouts.pipeline`, `shorten timeouts.${key} or lengthen timeouts.pipeline (default 1h)`, t[key]);
  }
  if (pipeline !== 0 && tasks !== undefined && fin !== undefined && tasks + fin > pipeline) {
    r.issues.error('RUN-7', path, 'timeouts.tasks plus timeouts.finally exceed timeouts.pipeline', 'make tasks + finally fit within pipeline', t);
  }
  return { tasks: tasks ?? pipeline };
}

/** RUN-14, WS-8 and WS-10 of a PipelineRun against its Pipeline. */
function validatePipelineRunAgainstPipeline(spec: Obj, pipelineSpec: Obj, r: RunCtx): void {
  const decls = declaredParams(pipelineSpec.params);
  const passed = new Map(objs(spec.params).map((p) => [str(p.name) ?? '', p.value]));
  checkRequiredParams(decls, passed, field('spec', 'params'), 'the Pipeline', 'RUN-14', r.issues);
  for (const decl of decls.values()) {
    const v = passed.get(decl.name);
    if (decl.enum.length > 0 && typeof v === 'string' && !decl.enum.includes(v)) {
      r.issues.error('RUN-14', entry(field('spec', 'params'), decl.name), `value of param "${decl.name}" is not in its enum`, `use one of: ${decl.enum.join(', ')}`, v);
    }
  }
  const ptNames = new Set([...objs(pipelineSpec.tasks), ...objs(pipelineSpec.finally)].map((t) => str(t.name) ?? ''));
  objs(spec.taskRunSpecs).forEach((t, i) => {
    const n = str(t.pipelineTaskName) ?? '';
    if (n !== '' && !ptNames.has(n)) r.issues.error('RUN-14', field(entry(field('spec', 'taskRunSpecs'), n || i), 'pipelineTaskName'), `taskRunSpecs names pipeline task "${n}", which the Pipeline does not have`, 'use the name of a pipeline task', n);
  });
  const declaredWs = new Map(objs(pipelineSpec.workspaces).map((w) => [str(w.name) ?? '', w]));
  const bound = new Set(objs(spec.workspaces).map((b) => str(b.name) ?? ''));
  for (const [name, decl] of declaredWs) {
    if (decl.optional !== true && !bound.has(name)) r.issues.error('WS-8', field('spec', 'workspaces'), `pipeline workspace "${name}" is required but has not been bound`, `bind "${name}" in spec.workspaces`, name);
  }
  if (!isObj(spec.pipelineSpec)) {
    for (const name of bound) {
      if (!declaredWs.has(name)) r.issues.warn('WS-8', entry(field('spec', 'workspaces'), name), `binding "${name}" does not match any pipeline workspace and is ignored`, `bind one of: ${[...declaredWs.keys()].join(', ') || '(none)'}`, name);
    }
  }
  const specOf = (pt: Obj): Obj | undefined => (isObj(pt.taskSpec) ? pt.taskSpec : referencedSpec(pt.taskRef, 'Task', r.context.findTask, r.context.memo));
  checkPipelineRunFsGroup(spec, pipelineSpec, specOf, r.issues);
  if (r.flags.coschedule !== 'workspaces') return;
  const pvcs = pvcBindings(spec.workspaces);
  for (const pt of [...objs(pipelineSpec.tasks), ...objs(pipelineSpec.finally)]) {
    const used = [...new Set(objs(pt.workspaces).map((b) => str(b.workspace) || str(b.name) || ''))].filter((w) => pvcs.has(w));
    if (used.length > 1) {
      r.issues.error('WS-10', field('spec', 'workspaces'), `pipeline task "${str(pt.name) ?? ''}" would bind more than one PersistentVolumeClaim (${used.join(', ')}), which the affinity assistant refuses`, 'back all but one of these workspaces with emptyDir, or set coschedule to pipelineruns', used);
    }
  }
}

