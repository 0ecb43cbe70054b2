/**
 * Matrix fan-out on pipeline tasks (MX-1 to MX-4, and MX-8 for values the run cannot use; MX-6 and MX-7 are checked where results are used).
 */
import { findRefs } from './expressions.js';
import { betaOn } from './flags.js';
import { isLastTask, type PipelineCtx } from './pipeline-context.js';
import { checkPipelineText } from './pipeline-variables.js';
import { asArray, asObj, duplicates, entry, field, has, objs, str, type Obj } from './_model.js';

/** Validates `pt.matrix` at `path` (the pipeline task's path). */
export function validateMatrix(pt: Obj, path: string, isFinally: boolean, ctx: PipelineCtx): void {
  if (!has(pt, 'matrix')) return;
  const { issues } = ctx;
  const matrix = asObj(pt.matrix);
  const mPath = field(path, 'matrix');
  if (!betaOn(ctx.flags)) issues.error('MX-1', mPath, 'matrix needs enable-api-fields "beta" or "alpha"', 'remove matrix, or enable beta API fields');
  const params = objs(matrix.params);
  const include = objs(matrix.include);
  const paramsPath = field(mPath, 'params');
  for (const dup of duplicates(params.map((p) => str(p.name) ?? ''))) {
    issues.error('MX-3', entry(paramsPath, dup), `matrix param "${dup}" is given more than once`, 'pass each matrix param once', dup);
  }
  const taskParams = new Set(objs(pt.params).map((p) => str(p.name) ?? ''));
  const lengths: Array<number | undefined> = [];
  params.forEach((p, i) => {
    const name = str(p.name) ?? '';
    const p2 = entry(paramsPath, name || i);
    if (taskParams.has(name)) issues.error('MX-4', p2, `param "${name}" is both in matrix and in params`, 'pass it in one place only', name);
    lengths.push(matrixValueLength(p.value, field(p2, 'value'), { isFinally, contextChecked: isLastTask(pt, isFinally, ctx) }, ctx));
  });
  include.forEach((inc, i) => {
    const incPath = entry(field(mPath, 'include'), str(inc.name) || i);
    const incParams = objs(inc.params);
    for (const dup of duplicates(incParams.map((p) => str(p.name) ?? ''))) {
      issues.error('MX-3', entry(field(incPath, 'params'), dup), `include param "${dup}" is given more than once`, 'pass each param once per include entry', dup);
    }
    incParams.forEach((p, j) => {
      const name = str(p.name) ?? '';
      const p2 = field(entry(field(incPath, 'params'), name || j), 'value');
      if (taskParams.has(name)) issues.error('MX-4', p2, `param "${name}" is both in matrix include and in params`, 'pass it in one place only', name);
      if (typeof p.value !== 'string') issues.error('MX-8', p2, 'matrix include param values must be strings', 'use a single string value', p.value);
      else checkPipelineText(p.value, p2, { isFinally, mode: 'string', contextChecked: isLastTask(pt, isFinally, ctx) }, ctx);
    });
  });
  countCombinations(params, include, lengths, mPath, ctx);
}

/** Checks one matrix.params value and returns its length when known. */
function matrixValueLength(value: unknown, path: string, site: { isFinally: boolean; contextChecked: boolean }, ctx: PipelineCtx): number | undefined {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v !== 'string') ctx.issues.error('MX-8', entry(path, i), 'matrix param elements must be strings', 'use strings only', v);
      else checkPipelineText(v, entry(path, i), { ...site, mode: 'element' }, ctx);
    });
    return value.length;
  }
  const refs = typeof value === 'string' ? findRefs(value) : [];
  const ref = refs[0];
  if (typeof value !== 'string' || refs.length !== 1 || !ref?.whole || !ref.parts.some((p) => p.kind === 'star')) {
    // The webhook admits it; the run fails when the value does not resolve to an array (MX-8).
    ctx.issues.error('MX-8', path, 'matrix param values must be arrays', 'use a list of strings, or a whole "$(params.<array>[*])" reference', value);
    return undefined;
  }
  checkPipelineText(value, path, { ...site, mode: 'value' }, ctx);
  if (ref.root !== 'params') return undefined;
  const decl = ctx.params.get(ref.parts[1]?.value ?? '');
  return Array.isArray(decl?.default) ? decl.default.length : undefined;
}

/** MX-2: at most `default-max-matrix-combinations-count` TaskRuns. */
function countCombinations(params: readonly Obj[], include: readonly Obj[], lengths: Array<number | undefined>, path: string, ctx: PipelineCtx): void {
  if (lengths.some((l) => l === undefined)) return;
  let count = params.length > 0 ? lengths.reduce<number>((a, b) => a * (b as number), 1) : 0;
  const values = new Map(params.map((p) => [str(p.name) ?? '', asArray(p.value)]));
  for (const inc of include) {
    // An include entry adds a combination when it matches none of the existing ones.
    const matches = objs(inc.params).every((p) => {
      const known = values.get(str(p.name) ?? '');
      return known === undefined || known.includes(p.value);
    });
    if (params.length === 0 || !matches) count++;
  }
  const max = ctx.flags.maxMatrixCombinations;
  if (count > max) {
    ctx.issues.error('MX-2', path, `matrix fans out into ${count} combinations, more than the limit of ${max}`, 'split the matrix or raise default-max-matrix-combinations-count', count);
  }
}
