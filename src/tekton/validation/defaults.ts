/**
 * Tekton's defaulting webhook, replayed on a copy of the manifest before validation, so that rules
 * see what the validating webhook sees (tekton-api.md §11).
 */
import { asObj, has, isObj, objs, str, type Obj } from './_model.js';

/** Infers a ParamSpec's `type` the way the webhook does, and defaults property types to `string`. */
export function defaultParamSpec(p: Obj): void {
  if (!has(p, 'type') || p.type === '') {
    if (isObj(p.properties)) p.type = 'object';
    else if (!has(p, 'default')) p.type = 'string';
    else if (Array.isArray(p.default)) p.type = 'array';
    else if (isObj(p.default)) p.type = 'object';
    else p.type = 'string';
  }
  defaultProperties(p);
}

/** Defaults a Task or Step result's `type` (object when it has properties, else string). */
export function defaultResult(r: Obj): void {
  if (!has(r, 'type') || r.type === '') r.type = isObj(r.properties) ? 'object' : 'string';
  defaultProperties(r);
}

function defaultProperties(o: Obj): void {
  if (!isObj(o.properties)) return;
  for (const prop of Object.values(o.properties)) {
    if (isObj(prop) && (!has(prop, 'type') || prop.type === '')) prop.type = 'string';
  }
}

/** Defaults a taskRef's kind to `Task` when it names a local object (no resolver, no custom task). */
function defaultTaskRef(ref: unknown): void {
  if (!isObj(ref)) return;
  if (!has(ref, 'kind') && !has(ref, 'resolver') && !has(ref, 'apiVersion')) ref.kind = 'Task';
}

function defaultTaskSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  objs(spec.params).forEach(defaultParamSpec);
  objs(spec.results).forEach(defaultResult);
  for (const step of objs(spec.steps)) objs(step.results).forEach(defaultResult);
}

function defaultPipelineSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  objs(spec.params).forEach(defaultParamSpec);
  for (const list of [spec.tasks, spec.finally]) {
    for (const task of objs(list)) {
      defaultTaskRef(task.taskRef);
      defaultTaskSpec(task.taskSpec);
      defaultPipelineSpec(task.pipelineSpec);
    }
  }
}

/** Returns a defaulted deep copy of a Tekton manifest; the input is not modified. */
export function applyDefaults(manifest: Obj): Obj {
  const copy = structuredClone(manifest);
  const spec = asObj(copy.spec);
  switch (str(copy.kind)) {
    case 'Task':
      defaultTaskSpec(spec);
      break;
    case 'StepAction':
      objs(spec.params).forEach(defaultParamSpec);
      objs(spec.results).forEach(defaultResult);
      break;
    case 'Pipeline':
      defaultPipelineSpec(spec);
      break;
    case 'TaskRun':
      defaultTaskRef(spec.taskRef);
      defaultTaskSpec(spec.taskSpec);
      break;
    case 'PipelineRun':
      defaultPipelineSpec(spec.pipelineSpec);
      break;
    default:
      break;
  }
  return copy;
}
