/**
 * One entry of `tasks` or `finally`: NAME-PT, PT-1 to PT-10, PT-14, FIN-1, WS-4, plus the when,
 * matrix, embedded taskSpec and cross-object checks it delegates.
 */
import { validateTaskUsage } from './cross-refs.js';
import { alphaOn, betaOn } from './flags.js';
import { validateMatrix } from './matrix.js';
import { isDnsLabel, suggestLabel } from './names.js';
import { valueShape, type ParamDecl } from './params.js';
import { isLastTask, type PipelineCtx } from './pipeline-context.js';
import { checkPipelineText } from './pipeline-variables.js';
import { validateRef } from './refs.js';
import { validateTaskSpec } from './task-spec.js';
import { validateWhen } from './when.js';
import { asObj, duplicates, entry, field, has, isObj, objs, parseDuration, str, type Issues, type Obj } from './_model.js';

const SPEC_KINDS = ['taskRef', 'taskSpec', 'pipelineRef', 'pipelineSpec'] as const;
const PIPELINE_KINDS = ['pipelineRef', 'pipelineSpec'] as const;

/** Validates one pipeline task at `path`. */
export function validatePipelineTask(pt: Obj, path: string, isFinally: boolean, ctx: PipelineCtx): void {
  const { issues, flags } = ctx;
  checkPipelineTaskName(str(pt.name) ?? '', path, issues);
  validateKind(pt, path, ctx);
  validateParams(pt, path, isFinally, ctx);
  validateExecution(pt, path, isFinally, ctx);
  validateWorkspaceBindings(pt, path, ctx);
  validateWhen(pt.when, field(path, 'when'), flags, issues, (text, p, inValues) =>
    checkPipelineText(text, p, { isFinally, mode: inValues ? 'element' : 'string' }, ctx),
  );
  validateMatrix(pt, path, isFinally, ctx);
  if (typeof pt.displayName === 'string') checkPipelineText(pt.displayName, field(path, 'displayName'), { isFinally, mode: 'string' }, withMatrixParams(pt, ctx));
  validateTaskUsage(pt, path, ctx);
}

/** NAME-PT: the name of the pipeline task at `path` (the Pipeline construct asks this rule too). */
export function checkPipelineTaskName(name: string, path: string, issues: Issues): void {
  if (!isDnsLabel(name)) {
    issues.error('NAME-PT', field(path, 'name'), 'pipeline task name must be a DNS-1123 label', `rename the task, e.g. "${suggestLabel(name)}"`, name);
  }
}

/** The context with a matrixed task's matrix params in scope, as its displayName may use them (one TaskRun each). */
function withMatrixParams(pt: Obj, ctx: PipelineCtx): PipelineCtx {
  const matrix = asObj(pt.matrix);
  const names = [...objs(matrix.params), ...objs(matrix.include).flatMap((inc) => objs(inc.params))].map((p) => str(p.name) ?? '').filter((n) => n !== '');
  if (names.length === 0) return ctx;
  const params = new Map(ctx.params);
  for (const name of names) if (!params.has(name)) params.set(name, { name, type: 'string', keys: new Set(), hasDefault: true, enum: [] });
  return { ...ctx, params };
}

/** PT-1 to PT-5 and PT-8: what the pipeline task runs. */
function validateKind(pt: Obj, path: string, ctx: PipelineCtx): void {
  const { issues, flags } = ctx;
  let kinds = 0;
  for (let i = 0; i < SPEC_KINDS.length; i += 1) if (has(pt, SPEC_KINDS[i] as string)) kinds += 1;
  if (kinds !== 1) {
    const present = SPEC_KINDS.filter((k) => has(pt, k));
    issues.error('PT-1', path, present.length === 0 ? 'pipeline task has none of taskRef, taskSpec, pipelineRef, pipelineSpec' : `pipeline task sets more than one of ${present.join(', ')}`, 'set exactly one of taskRef or taskSpec', present);
  }
  for (const k of PIPELINE_KINDS) {
    if (has(pt, k) && !alphaOn(flags)) issues.error('PT-1', field(path, k), `${k} (pipelines in pipelines) needs enable-api-fields "alpha"`, 'use taskRef or taskSpec, or enable alpha API fields');
  }
  if (flags.disableInlineSpec.has('pipeline')) {
    for (const k of ['taskSpec', 'pipelineSpec'] as const) {
      if (has(pt, k)) issues.error('PT-2', field(path, k), `inline ${k} is disabled by disable-inline-spec`, 'reference a Task by name or resolver instead');
    }
  }
  if (has(pt, 'taskRef')) {
    const ref = asObj(pt.taskRef);
    validateCustomKind(ref, field(path, 'taskRef'), ctx);
    validateRef(ref, field(path, 'taskRef'), flags, issues, 'PT-8');
  }
  if (isObj(pt.taskSpec)) {
    const spec = pt.taskSpec;
    const specPath = field(path, 'taskSpec');
    if (has(spec, 'steps') && (has(spec, 'apiVersion') || has(spec, 'kind'))) {
      issues.error('PT-3', specPath, 'a taskSpec with steps must not set apiVersion or kind', 'remove apiVersion and kind from the taskSpec');
    } else if (has(spec, 'apiVersion') || has(spec, 'kind')) {
      validateCustomKind(spec, specPath, ctx);
    }
    if (!has(spec, 'kind') || has(spec, 'steps')) {
      validateTaskSpec(spec, { path: specPath, outerParams: propagated(pt, ctx), undeclaredRule: ctx.embeddedRule, inPipeline: true, flags, issues, ...(ctx.context.findStepAction ? { findStepAction: ctx.context.findStepAction } : {}) });
    }
  }
}

/** Pipeline params plus the names this task passes: what an embedded taskSpec may use (PT-5). */
function propagated(pt: Obj, ctx: PipelineCtx): Map<string, ParamDecl> {
  const out = new Map(ctx.params);
  for (const p of objs(pt.params)) {
    const name = str(p.name) ?? '';
    if (name === '') continue;
    const outer = out.get(name);
    const keys = isObj(p.value) ? Object.keys(p.value) : [];
    // The task's own value is what reaches an inline taskSpec; an object's keys come from both.
    if (!outer) out.set(name, { name, type: valueShape(p.value) ?? 'string', keys: new Set(keys), hasDefault: false, enum: [] });
    else if (outer.type === 'object' && keys.length > 0) out.set(name, { ...outer, keys: new Set([...outer.keys, ...keys]) });
  }
  return out;
}

/** PT-4: custom tasks need both kind and a group/version apiVersion. */
function validateCustomKind(ref: Obj, path: string, ctx: PipelineCtx): void {
  const kind = str(ref.kind) ?? '';
  const apiVersion = str(ref.apiVersion) ?? '';
  const custom = apiVersion !== '' || (kind !== '' && kind !== 'Task');
  if (!custom) return;
  if (kind === '' || apiVersion === '') {
    ctx.issues.error('PT-4', path, 'a custom task needs both kind and apiVersion', 'set kind and apiVersion (group/version), or use kind Task without apiVersion', { kind, apiVersion });
  } else if (!/^[^/]+\/[^/]+$/.test(apiVersion)) {
    ctx.issues.error('PT-4', field(path, 'apiVersion'), 'custom task apiVersion must be group/version', 'write e.g. "example.dev/v1"', apiVersion);
  }
}

/** PT-6 and PT-7 on `params`. */
function validateParams(pt: Obj, path: string, isFinally: boolean, ctx: PipelineCtx): void {
  const params = objs(pt.params);
  const paramsPath = field(path, 'params');
  const contextChecked = isLastTask(pt, isFinally, ctx);
  for (const dup of duplicates(params.map((p) => str(p.name) ?? ''))) {
    ctx.issues.error('PT-6', entry(paramsPath, dup), `param "${dup}" is passed more than once`, 'pass each param once', dup);
  }
  params.forEach((p, i) => {
    const valuePath = field(entry(paramsPath, str(p.name) || i), 'value');
    const v = p.value;
    if (v === undefined) {
      return; // SCH-2 (structure.ts)
    } else if (typeof v === 'string') {
      checkPipelineText(v, valuePath, { isFinally, mode: 'value', contextChecked }, ctx);
    } else if (valueShape(v) === 'string') {
      // Tekton decodes any other JSON (a number, a list of numbers...) to a string of its JSON text.
      checkPipelineText(JSON.stringify(v), valuePath, { isFinally, mode: 'string', contextChecked }, ctx);
    } else if (Array.isArray(v)) {
      v.forEach((x, j) => checkPipelineText(x as string, entry(valuePath, j), { isFinally, mode: 'element', contextChecked }, ctx));
    } else {
      for (const [k, x] of Object.entries(v as Obj)) checkPipelineText(x as string, field(valuePath, k), { isFinally, mode: 'string', contextChecked }, ctx);
    }
  });
}

/** PT-9, PT-14 and FIN-1: how the task runs. */
function validateExecution(pt: Obj, path: string, isFinally: boolean, ctx: PipelineCtx): void {
  const { issues, flags } = ctx;
  if (isFinally && has(pt, 'runAfter')) {
    issues.error('FIN-1', field(path, 'runAfter'), 'finally tasks cannot use runAfter', 'remove runAfter; finally tasks run after all tasks', pt.runAfter);
  }
  if (has(pt, 'onError')) {
    const v = str(pt.onError) ?? '';
    if (!betaOn(flags)) issues.error('PT-9', field(path, 'onError'), 'pipeline task onError needs enable-api-fields "beta" or "alpha"', 'remove onError, or enable beta API fields');
    if (v !== 'continue' && v !== 'stopAndFail' && !v.startsWith('$(params')) {
      issues.error('PT-9', field(path, 'onError'), 'pipeline task onError must be "continue" or "stopAndFail"', 'set onError to "continue" or "stopAndFail"', pt.onError);
    } else if (v === 'continue' && typeof pt.retries === 'number' && pt.retries > 0) {
      issues.error('PT-9', field(path, 'onError'), 'onError "continue" cannot be combined with retries', 'remove retries, or use onError "stopAndFail"', pt.retries);
    }
  }
  if (typeof pt.retries === 'number' && pt.retries < 0) {
    issues.warn('PT-14', field(path, 'retries'), 'retries must not be negative', 'use 0 or more', pt.retries);
  }
  const timeout = str(pt.timeout);
  if (timeout !== undefined) {
    const ms = parseDuration(timeout);
    if (ms === undefined || ms < 0) issues.warn('PT-14', field(path, 'timeout'), 'timeout is not a non-negative duration', 'write a Go duration such as "30m"', timeout);
  }
}

/** WS-4: workspace bindings of a pipeline task. */
function validateWorkspaceBindings(pt: Obj, path: string, ctx: PipelineCtx): void {
  const bindings = objs(pt.workspaces);
  const wsPath = field(path, 'workspaces');
  // The webhook checks these for a Pipeline only; in a PipelineRun's inline pipelineSpec they fail the
  // run instead (reported as WS-8, a reconciler rule).
  const rule = ctx.embeddedRule === 'RUN-11' ? 'WS-8' : 'WS-4';
  for (const dup of duplicates(bindings.map((b) => str(b.name) ?? ''))) {
    ctx.issues.error(rule, entry(wsPath, dup), `workspace "${dup}" is bound more than once`, 'bind each task workspace once', dup);
  }
  bindings.forEach((b, i) => {
    const target = str(b.workspace) || str(b.name) || '';
    if (!ctx.workspaces.has(target)) {
      ctx.issues.error(rule, field(entry(wsPath, str(b.name) || i), 'workspace'), `pipeline workspace "${target}" is not declared`, `declare "${target}" in the pipeline's spec.workspaces or fix the name`, target);
    }
  });
}
