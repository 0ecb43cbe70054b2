/**
 * References in pipeline task params, matrix values and when expressions (PT-7, VAR-3 to VAR-6,
 * FIN-2, FIN-3, DAG-2 for result targets, PT-10, MX-6, PT-12).
 */
import { asParamUse, asResultUse, findRefs, type ResultUse, type VariableRef } from './expressions.js';
import { resolveTask, type PipelineCtx } from './pipeline-context.js';
import { has, objs, str, type Obj } from './_model.js';

/** Where a string sits: a whole param value, one element of an array value, or part of a string. */
export type TextMode = 'value' | 'element' | 'string';

/** Where in the pipeline the text is. */
export interface TextSite {
  readonly isFinally: boolean;
  readonly mode: TextMode;
  /**
   * True in the params and matrix values of the last task of `tasks` or `finally`: the only place
   * Tekton v1.15's webhook checks context variables (its loop keeps the last task's values only), so
   * VAR-4 is an error there and a warning elsewhere. @default false
   */
  readonly contextChecked?: boolean;
}

const ROOTS = new Set(['params', 'tasks', 'finally', 'context', 'workspaces', 'results']);
const PIPELINE_CONTEXT: Record<string, ReadonlySet<string>> = {
  pipelineRun: new Set(['name', 'namespace', 'uid']),
  pipeline: new Set(['name']),
  pipelineTask: new Set(['retries']),
};

/** Checks every `$(...)` in one pipeline-level string. */
export function checkPipelineText(text: string, path: string, site: TextSite, ctx: PipelineCtx): void {
  for (const ref of findRefs(text)) {
    if (!ROOTS.has(ref.root)) {
      ctx.issues.error('VAR-3', path, `${ref.text} is not a tekton variable`, 'use params, tasks, finally, context or workspaces; write shell variables as ${VAR}', ref.text);
      continue;
    }
    if (ref.root === 'params') checkParam(ref, path, site, ctx);
    else if (ref.root === 'context') checkContext(ref, path, site, ctx);
    else if (ref.root === 'tasks') checkTasksRef(ref, path, site, ctx);
    else if (ref.root === 'finally') {
      ctx.issues.error('FIN-2', path, `${ref.text}: finally task results can only be used in spec.results`, 'move the reference to a pipeline result', ref.text);
    } else if (ref.root === 'workspaces') {
      const w = ref.parts[1]?.value ?? '';
      if (!ctx.workspaces.has(w) || ref.parts[2]?.value !== 'bound') {
        ctx.issues.warn('VAR-6', path, `${ref.text} does not name a declared pipeline workspace's .bound`, 'use $(workspaces.<declared-workspace>.bound)', ref.text);
      }
    }
  }
}

function checkParam(ref: VariableRef, path: string, site: TextSite, ctx: PipelineCtx): void {
  const use = asParamUse(ref, (n) => ctx.params.has(n));
  if (!use || use.dotParts > 2) {
    paramIssue(ctx, path, ref, `malformed param reference ${ref.text}`, "use $(params.name), $(params['dotted.name']), $(params.arr[*]) or $(params.obj.key)");
    return;
  }
  const decl = ctx.params.get(use.name);
  if (!decl) {
    paramIssue(ctx, path, ref, `param "${use.name}" is not declared by the pipeline`, `declare "${use.name}" in the pipeline's spec.params`);
    return;
  }
  const wholeAllowed = ref.whole && site.mode !== 'string';
  if (decl.type === 'object') {
    if (use.key !== undefined && !decl.keys.has(use.key)) paramIssue(ctx, path, ref, `object param "${use.name}" has no key "${use.key}"`, `use one of: ${[...decl.keys].join(', ')}`);
    if (use.key === undefined && !wholeAllowed) paramIssue(ctx, path, ref, `object param ${ref.text} must be the whole value`, `use $(params.${use.name}.<key>) inside strings`);
    return;
  }
  if (use.key !== undefined) {
    paramIssue(ctx, path, ref, `param "${use.name}" is a ${decl.type}, not an object with key "${use.key}"`, `use $(params.${use.name})`);
    return;
  }
  if (decl.type === 'array' && use.index === undefined && !wholeAllowed) {
    paramIssue(ctx, path, ref, `array param ${ref.text} must be the whole value or a whole array element`, `use $(params.${use.name}[0]) inside strings`);
  }
}

function paramIssue(ctx: PipelineCtx, path: string, ref: VariableRef, message: string, fix: string): void {
  ctx.issues.error('PT-7', path, message, fix, ref.text);
}

function checkContext(ref: VariableRef, path: string, site: TextSite, ctx: PipelineCtx): void {
  const group = ref.parts[1]?.value ?? '';
  const allowed = PIPELINE_CONTEXT[group];
  if (!allowed) return;
  const name = ref.parts[2]?.value ?? '';
  if (!allowed.has(name) || ref.parts.length > 3) {
    ctx.issues.add(site.contextChecked === true ? 'error' : 'warning', 'VAR-4', path, `unknown context variable ${ref.text}`, 'use context.pipelineRun.{name,namespace,uid}, context.pipeline.name or context.pipelineTask.retries', ref.text);
  }
}

function checkTasksRef(ref: VariableRef, path: string, site: TextSite, ctx: PipelineCtx): void {
  const [, t, what] = ref.parts;
  if (t?.value === 'status' && ref.parts.length === 2) {
    if (!site.isFinally) ctx.issues.error('FIN-3', path, '$(tasks.status) can only be used in finally tasks', 'move the reference to a finally task', ref.text);
    return;
  }
  if (what?.value === 'status' || what?.value === 'reason') {
    if (!site.isFinally) {
      ctx.issues.error('FIN-3', path, `${ref.text} can only be used in finally tasks`, 'move the reference to a finally task', ref.text);
    } else if (!ctx.tasks.has(t?.value ?? '')) {
      ctx.issues.error('FIN-3', path, `${ref.text} refers to "${t?.value ?? ''}", which is not in spec.tasks`, 'refer to a task in spec.tasks', ref.text);
    }
    return;
  }
  if (what?.value === 'matrix') return;
  const use = asResultUse(ref);
  if (!use || !use.wellFormed) {
    // The webhook skips what does not parse as a result reference; it stays literal at run time.
    ctx.issues.warn('VAR-5', path, `malformed task result reference ${ref.text}`, 'use $(tasks.<task>.results.<result>) with optional [i], [*] or .key', ref.text);
    return;
  }
  checkResultTarget(use, ref, path, site.isFinally, ctx);
}

/** Checks where a `$(tasks.<t>.results.<r>)` points (DAG-2/FIN-2, PT-10, MX-6, PT-12). */
function checkResultTarget(use: ResultUse, ref: VariableRef, path: string, isFinally: boolean, ctx: PipelineCtx): void {
  const target = ctx.tasks.get(use.task);
  if (!target) {
    const inFinally = ctx.finallyTasks.has(use.task);
    const message = inFinally
      ? `result reference ${ref.text} points at finally task "${use.task}"; only spec.tasks results can be used here`
      : `result reference ${ref.text} points at task "${use.task}", which is not in the pipeline`;
    ctx.issues.error(isFinally ? 'FIN-2' : 'DAG-2', path, message, 'refer to a task declared in spec.tasks', ref.text);
    return;
  }
  if (has(target, 'pipelineRef') || has(target, 'pipelineSpec')) {
    ctx.issues.error('PT-10', path, `results of pipeline-in-pipeline task "${use.task}" cannot be referenced`, 'pass the value another way, e.g. through a workspace', ref.text);
    return;
  }
  if (has(target, 'matrix') && !use.star) {
    ctx.issues.error('MX-6', path, `results of matrixed task "${use.task}" can only be used whole, with [*]`, `use $(tasks.${use.task}.results.${use.result}[*])`, ref.text);
  }
  const resolved = resolveTask(target, ctx);
  if (!resolved) return;
  const declared = objs(resolved.spec.results).find((r) => str(r.name) === use.result);
  if (!declared) {
    const names = objs(resolved.spec.results).map((r) => str(r.name) ?? '');
    ctx.issues.error('PT-12', path, `task "${use.task}" (${resolved.origin}) declares no result "${use.result}"`, names.length > 0 ? `use one of: ${names.join(', ')}` : 'declare the result in the task', ref.text);
  } else if (has(target, 'matrix') && str(declared.type) !== undefined && declared.type !== 'string') {
    ctx.issues.error('MX-7', path, `result "${use.result}" of matrixed task "${use.task}" is consumed, so it must be of type string`, 'declare the result as type string', declared.type);
  } else if (use.key !== undefined && !Object.keys((declared.properties as Obj | undefined) ?? {}).includes(use.key)) {
    ctx.issues.error('PT-12', path, `result "${use.result}" of task "${use.task}" has no key "${use.key}"`, 'use a declared property of the object result', ref.text);
  }
}
