/**
 * Result declarations of Tasks, steps and StepActions (RES-1 to RES-4, RES-6, T-11) and Pipeline
 * results (PRES-1, PRES-2, PRES-4).
 */
import { findRefs, asResultUse } from './expressions.js';
import type { ResolvedFlags } from './flags.js';
import { isResultName } from '../names.js';
import { isDnsLabel } from './names.js';
import { duplicates, entry, field, isObj, objs, str, type Issues, type Obj } from './_model.js';

const STEP_RESULT_REF = /^\$\(steps\.([^.()]+)\.results\.([^.()]+)\)$/;

/**
 * Tekton passes results through the 4 KB termination message by default; beyond this many results a
 * Task is likely to overflow it, so RES-6 warns.
 */
const MAX_RESULTS_BEFORE_WARNING = 8;

/** Validates Task results (`owner: 'task'`) or step/StepAction results (`owner: 'step'`). */
export function validateResults(list: unknown, path: string, owner: 'task' | 'step', _flags: ResolvedFlags, issues: Issues): void {
  const results = objs(list);
  results.forEach((r, i) => validateResult(r, entry(path, str(r.name) || i), owner, issues));
  const names = results.map((r) => str(r.name) ?? '').filter((n) => n !== '');
  for (const dup of duplicates(names)) {
    issues.warn('T-11', entry(path, dup), `result "${dup}" is declared more than once`, 'declare each result once', dup);
  }
  if (owner === 'task' && results.length > MAX_RESULTS_BEFORE_WARNING) {
    issues.warn(
      'RES-6',
      path,
      `${results.length} results may not fit the 4096-byte termination message`,
      'declare fewer results, or use results-from: sidecar-logs',
      results.length,
    );
  }
}

function validateResult(r: Obj, path: string, owner: 'task' | 'step', issues: Issues): void {
  const name = str(r.name) ?? '';
  if (!isResultName(name)) {
    issues.error(
      'RES-1',
      field(path, 'name'),
      "result name must consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character",
      'rename the result, e.g. "IMAGE_DIGEST"',
      name,
    );
  }
  const type = str(r.type) ?? 'string';
  if (!['', 'string', 'array', 'object'].includes(type)) {
    issues.error('RES-2', field(path, 'type'), 'result type must be string, array or object', 'set type to "string", "array" or "object"', r.type);
  }
  if (type === 'object') {
    const props = isObj(r.properties) ? Object.entries(r.properties) : [];
    if (props.length === 0) {
      issues.error('RES-3', field(path, 'properties'), 'object result needs properties', 'declare the keys, e.g. properties: { url: { type: string } }');
    }
    for (const [key, prop] of props) {
      if (!isObj(prop) || prop.type !== 'string') {
        issues.error('RES-3', field(field(field(path, 'properties'), key), 'type'), 'object result properties must be of type string', 'set the property type to "string"');
      }
    }
  }
  if (owner === 'task' && r.value !== undefined) validateResultValue(r.value, field(path, 'value'), issues);
}

function validateResultValue(value: unknown, path: string, issues: Issues): void {
  const fix = 'set value to "$(steps.<step-name>.results.<result-name>)"';
  if (typeof value !== 'string') {
    issues.error('RES-4', path, 'result value must be a string', fix, value);
    return;
  }
  const m = STEP_RESULT_REF.exec(value);
  if (!m || !isDnsLabel(m[1] as string) || !isResultName(m[2] as string)) {
    issues.error('RES-4', path, 'result value must be a reference to a step result', fix, value);
  }
}

/** Pipeline task names by list, for PRES-2. */
export interface PipelineTaskNames {
  readonly tasks: ReadonlySet<string>;
  readonly finally: ReadonlySet<string>;
}

/** Validates `Pipeline.spec.results` (PRES-1, PRES-2, PRES-4). */
export function validatePipelineResults(list: unknown, path: string, names: PipelineTaskNames, issues: Issues): void {
  const results = objs(list);
  results.forEach((r, i) => {
    const itemPath = entry(path, str(r.name) || i);
    const name = str(r.name) ?? '';
    if (!isResultName(name)) {
      issues.warn('PRES-4', field(itemPath, 'name'), "pipeline result name should consist of alphanumeric characters, '-', '_' or '.'", 'rename the result, e.g. "IMAGE_DIGEST"', name);
    }
    validatePipelineResultValue(r.value, field(itemPath, 'value'), names, issues);
  });
  for (const dup of duplicates(results.map((r) => str(r.name) ?? '').filter((n) => n !== ''))) {
    issues.warn('PRES-4', entry(path, dup), `pipeline result "${dup}" is declared more than once`, 'declare each result once', dup);
  }
}

function validatePipelineResultValue(value: unknown, path: string, names: PipelineTaskNames, issues: Issues): void {
  const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : isObj(value) ? Object.values(value) : [];
  const refs = texts.filter((t): t is string => typeof t === 'string').flatMap((t) => findRefs(t));
  const fix = 'use "$(tasks.<task>.results.<result>)" or "$(finally.<task>.results.<result>)"';
  if (refs.length === 0) {
    issues.error('PRES-1', path, 'pipeline result value must contain a task result reference', fix, value);
    return;
  }
  for (const ref of refs) {
    const use = asResultUse(ref);
    if (!use || !use.wellFormed) {
      issues.error('PRES-1', path, `"${ref.text}" is not a task result reference`, fix, ref.text);
      continue;
    }
    const known = use.scope === 'tasks' ? names.tasks : names.finally;
    if (!known.has(use.task)) {
      issues.error('PRES-2', path, `pipeline result refers to ${use.scope === 'tasks' ? 'task' : 'finally task'} "${use.task}", which is not in spec.${use.scope}`, `refer to a task declared in spec.${use.scope}`, ref.text);
    }
  }
}
