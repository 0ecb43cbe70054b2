/**
 * A crash of Tekton v1.15's webhook, reported as RUN-11 so it is found before `kubectl apply`: for a
 * PipelineRun with an inline pipelineSpec, the webhook merges the run's params, the pipeline's and
 * each pipeline task's (and inline taskSpec's) into one table (`validateInlineParameters`). Merging a
 * non-empty map into an entry that has no default, no object default or no properties writes through
 * a nil pointer or into a nil map, and the webhook panics; the request fails whatever else the object
 * says. This models that table.
 */
import { entry, field, isObj, objs, str, type Issues, type Obj } from './_model.js';

/** What the table holds for one name (the fields of Tekton's ParamSpec that matter here). */
interface Entry {
  hasDefault: boolean;
  objectDefault: boolean;
  properties: boolean;
  type: string;
}

const isStringMap = (v: unknown): v is Record<string, string> => isObj(v) && Object.values(v).every((x) => typeof x === 'string');
const nonEmptyMap = (v: unknown): boolean => isStringMap(v) && Object.keys(v).length > 0;

function shapeOf(v: unknown): string {
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return 'array';
  return isStringMap(v) ? 'object' : 'string';
}

/** `createParamSpecFromParam`: a run or task param becomes a spec whose default is its value. */
const fromParam = (p: Obj): Entry => ({ hasDefault: true, objectDefault: isStringMap(p.value), properties: isStringMap(p.value), type: shapeOf(p.value) });

/** `combineParamSpec`; returns false when Tekton panics. */
function combine(table: Map<string, Entry>, spec: Obj): boolean {
  const name = str(spec.name) ?? '';
  const seen = table.get(name);
  if (!seen) {
    const type = str(spec.type) ?? (isObj(spec.properties) ? 'object' : spec.default !== undefined ? shapeOf(spec.default) : 'string');
    table.set(name, { hasDefault: spec.default !== undefined && spec.default !== null, objectDefault: isStringMap(spec.default), properties: isObj(spec.properties), type });
    return true;
  }
  if (isStringMap(spec.default)) {
    if (nonEmptyMap(spec.default) && !seen.hasDefault) return false;
    if (seen.hasDefault) seen.objectDefault = true;
    if (!isObj(spec.properties)) return true;
  }
  if (seen.type === 'object') {
    if (!isObj(spec.properties)) return true;
    seen.properties = true;
  }
  return true;
}

/** `appendPipelineTaskParams`; returns false when Tekton panics. */
function append(table: Map<string, Entry>, p: Obj): boolean {
  const name = str(p.name) ?? '';
  const seen = table.get(name);
  if (!seen) {
    table.set(name, fromParam(p));
    return true;
  }
  return !(nonEmptyMap(p.value) && (!seen.hasDefault || !seen.objectDefault || !seen.properties));
}

/** RUN-11: the params of an inline pipelineSpec that make the v1.15 webhook crash. */
export function checkInlineParamCrash(runSpec: Obj, pipelineSpec: Obj, issues: Issues): void {
  const table = new Map<string, Entry>();
  for (const p of objs(runSpec.params)) table.set(str(p.name) ?? '', fromParam(p));
  const specPath = field('spec', 'pipelineSpec');
  const crash = (path: string, name: string): void =>
    issues.error(
      'RUN-11',
      path,
      `the Tekton v1.15 webhook crashes on this PipelineRun while merging param "${name}" with the run's and pipeline's params`,
      `rename the param, or declare "${name}" everywhere as an object param with properties and an object default`,
      name,
    );
  for (const p of objs(pipelineSpec.params)) {
    if (!combine(table, p)) return crash(entry(field(specPath, 'params'), str(p.name) ?? ''), str(p.name) ?? '');
  }
  for (const [i, pt] of objs(pipelineSpec.tasks).entries()) {
    const ptPath = entry(field(specPath, 'tasks'), str(pt.name) || i);
    for (const p of objs(pt.params)) {
      if (!append(table, p)) return crash(field(entry(field(ptPath, 'params'), str(p.name) ?? ''), 'value'), str(p.name) ?? '');
    }
    for (const p of objs(isObj(pt.taskSpec) ? pt.taskSpec.params : undefined)) {
      if (!combine(table, p)) return crash(entry(field(field(ptPath, 'taskSpec'), 'params'), str(p.name) ?? ''), str(p.name) ?? '');
    }
  }
}
