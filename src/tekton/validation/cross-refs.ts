/**
 * Run-time (Rec) checks that need the referenced Task: PT-11, PT-13, WS-7, WS-9, P-7, CAT-8, PRES-3.
 * Skipped when the Task is remote or unknown.
 */
import { asResultUse, findRefs } from './expressions.js';
import { valueShape, type ParamDecl } from './params.js';
import { resolveTask, type PipelineCtx } from './pipeline-context.js';
import { asObj, entry, field, isObj, objs, str, type Issues, type Obj } from './_model.js';

/** Params passed to a task: `params`, `matrix.params` and `matrix.include[].params`. */
function passedParams(pt: Obj): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const params = objs(pt.params);
  for (let i = 0; i < params.length; i += 1) {
    const p = params[i] as Obj;
    out.set(str(p.name) ?? '', p.value);
  }
  if (pt.matrix === undefined) return out;
  const matrix = asObj(pt.matrix);
  // A matrix param reaches each TaskRun as one element, so it counts as a string value.
  for (const p of objs(matrix.params)) out.set(str(p.name) ?? '', '');
  for (const inc of objs(matrix.include)) for (const p of objs(inc.params)) out.set(str(p.name) ?? '', p.value);
  return out;
}

/**
 * PT-11 (also RUN-14 for runs): every required param is passed with a value of the declared type,
 * and object values have every key. `rule` names the id to report.
 */
export function checkRequiredParams(decls: ReadonlyMap<string, ParamDecl>, passed: ReadonlyMap<string, unknown>, path: string, what: string, rule: string, issues: Issues): void {
  for (const decl of decls.values()) {
    const value = passed.get(decl.name);
    if (value === undefined) {
      if (!decl.hasDefault) issues.error(rule, path, `param "${decl.name}" is required by ${what} but not passed`, `pass { name: ${decl.name}, value: ... }`, decl.name);
      continue;
    }
    // A whole reference such as "$(params.list[*])" stands for a value of any type.
    if (typeof value === 'string' && findRefs(value).some((r) => r.whole)) continue;
    const shape = valueShape(value);
    if (shape !== undefined && shape !== decl.type) {
      issues.error(rule, entry(path, decl.name), `param "${decl.name}" of ${what} is a ${decl.type}, but a ${shape} is passed`, `pass a ${decl.type} value`, value);
    } else if (decl.type === 'object' && isObj(value)) {
      // Tekton checks the keys of the value merged over the declared default.
      const fallback = isObj(decl.default) ? decl.default : {};
      const missing = [...decl.keys].filter((k) => !(k in value) && !(k in fallback));
      if (missing.length > 0) issues.error(rule, entry(path, decl.name), `object param "${decl.name}" of ${what} is missing keys ${missing.join(', ')}`, 'pass every declared key', missing);
    }
  }
}

/** Cross-object checks of one pipeline task. */
export function validateTaskUsage(pt: Obj, path: string, ctx: PipelineCtx): void {
  const resolved = resolveTask(pt, ctx);
  if (!resolved) return;
  const { issues } = ctx;
  const decls = resolved.params;
  const passed = passedParams(pt);
  const paramsPath = field(path, 'params');
  checkRequiredParams(decls, passed, paramsPath, resolved.origin, 'PT-11', issues);
  for (const name of passed.keys()) {
    if (!decls.has(name)) {
      issues.warn('PT-13', entry(paramsPath, name), `param "${name}" is not declared by ${resolved.origin} and is ignored`, 'remove it, or declare it in the task', name);
    }
  }
  checkEnums(pt, decls, paramsPath, ctx);
  checkWorkspaces(pt, resolved.workspaces, path, resolved.origin, ctx);
  const annotations = asObj(asObj(resolved.manifest?.metadata).annotations);
  if (annotations['tekton.dev/deprecated'] === 'true') {
    issues.warn('CAT-8', path, `referenced ${resolved.origin} is marked deprecated`, 'move to its replacement', resolved.origin);
  }
}

/** P-7: a Pipeline param feeding an enum-restricted Task param needs an enum that is a subset. */
function checkEnums(pt: Obj, decls: ReadonlyMap<string, ParamDecl>, paramsPath: string, ctx: PipelineCtx): void {
  const params = objs(pt.params);
  for (let i = 0; i < params.length; i += 1) {
    const p = params[i] as Obj;
    const taskDecl = decls.get(str(p.name) ?? '');
    if (!taskDecl || taskDecl.enum.length === 0 || typeof p.value !== 'string') continue;
    const ref = findRefs(p.value)[0];
    if (!ref?.whole || ref.root !== 'params') continue;
    const pipelineDecl = ctx.params.get(ref.parts[1]?.value ?? '');
    if (!pipelineDecl) continue;
    const extra = pipelineDecl.enum.filter((v) => !taskDecl.enum.includes(v));
    if (pipelineDecl.enum.length === 0 || extra.length > 0) {
      ctx.issues.error('P-7', field(entry(paramsPath, taskDecl.name), 'value'), `pipeline param "${pipelineDecl.name}" feeds enum param "${taskDecl.name}" but its enum is not a subset of [${taskDecl.enum.join(', ')}]`, `declare enum on "${pipelineDecl.name}" with values from [${taskDecl.enum.join(', ')}]`, pipelineDecl.enum);
    }
  }
}

/** WS-7 and WS-9 for a pipeline task. */
function checkWorkspaces(pt: Obj, declared: ReadonlyMap<string, Obj>, path: string, origin: string, ctx: PipelineCtx): void {
  const bindings = objs(pt.workspaces);
  const wsPath = field(path, 'workspaces');
  const bound = new Set<string>();
  bindings.forEach((b, i) => {
    const name = str(b.name) ?? '';
    bound.add(name);
    const decl = declared.get(name);
    const bPath = entry(wsPath, name || i);
    if (!decl && isObj(pt.taskSpec)) return;
    if (!decl) {
      ctx.issues.error('WS-7', bPath, `workspace binding "${name}" does not match any workspace declared by ${origin}`, `bind one of: ${[...declared.keys()].join(', ') || '(none)'}`, name);
      return;
    }
    const pipelineWs = ctx.workspaces.get(str(b.workspace) || name);
    if (pipelineWs?.optional === true && decl.optional !== true) {
      ctx.issues.error('WS-9', bPath, `optional pipeline workspace "${str(pipelineWs.name) ?? ''}" feeds non-optional workspace "${name}" of ${origin}`, 'make the pipeline workspace required, or the task workspace optional', name);
    }
  });
  for (const [name, decl] of declared) {
    if (decl.optional !== true && !bound.has(name)) {
      ctx.issues.error('WS-7', wsPath, `workspace "${name}" is required by ${origin} but not bound`, `add { name: ${name}, workspace: <pipeline workspace> }`, name);
    }
  }
}

/** PRES-3: pipeline results must name results the referenced tasks declare. */
export function validatePipelineResultRefs(ctx: PipelineCtx): void {
  objs(ctx.spec.results).forEach((r, i) => {
    const path = field(entry(field(ctx.path, 'results'), str(r.name) || i), 'value');
    const texts = typeof r.value === 'string' ? [r.value] : Array.isArray(r.value) ? r.value : isObj(r.value) ? Object.values(r.value) : [];
    for (const text of texts) {
      if (typeof text !== 'string') continue;
      for (const ref of findRefs(text)) {
        const use = asResultUse(ref);
        if (!use?.wellFormed) continue;
        const pt = (use.scope === 'tasks' ? ctx.tasks : ctx.finallyTasks).get(use.task);
        const resolved = pt ? resolveTask(pt, ctx) : undefined;
        if (resolved && !objs(resolved.spec.results).some((x) => str(x.name) === use.result)) {
          ctx.issues.error('PRES-3', path, `task "${use.task}" (${resolved.origin}) declares no result "${use.result}"`, 'refer to a declared result', ref.text);
        }
      }
    }
  });
}
