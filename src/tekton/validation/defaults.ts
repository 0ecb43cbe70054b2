/**
 * Tekton's defaulting webhook, replayed before validation, so that rules see what the validating
 * webhook sees (`SetDefaults` in https://github.com/tektoncd/pipeline/tree/main/pkg/apis/pipeline/v1).
 *
 * Copy-on-write: only the objects on the path to a defaulted field are copied, everything else is shared
 * with the input (validation reads the result and never writes it). Deep-copying every manifest was a
 * large part of synth time.
 */
import { has, isObj, str, type Obj } from './_model.js';

/** `list` with `edit` applied to its object items; the same array when no item changed. */
function mapObjs(list: unknown, edit: (o: Obj) => Obj): unknown {
  if (!Array.isArray(list)) return list;
  let out: unknown[] | undefined;
  list.forEach((item, i) => {
    if (!isObj(item)) return;
    const edited = edit(item);
    if (edited === item) return;
    out ??= [...list];
    out[i] = edited;
  });
  return out ?? list;
}

/** `o` with `key` set to `value`, copied only when the value differs (an existing key keeps its position). */
function withField(o: Obj, key: string, value: unknown): Obj {
  return o[key] === value ? o : { ...o, [key]: value };
}

/** Property types of an object param or result default to `string`. */
function defaultProperties(o: Obj): Obj {
  if (!isObj(o.properties)) return o;
  let props: Obj | undefined;
  for (const [key, prop] of Object.entries(o.properties)) {
    if (isObj(prop) && (!has(prop, 'type') || prop.type === '')) {
      props ??= { ...o.properties };
      props[key] = { ...prop, type: 'string' };
    }
  }
  return props ? { ...o, properties: props } : o;
}

/** Infers a ParamSpec's `type` the way the webhook does, and defaults property types to `string`. */
function defaultParamSpec(p: Obj): Obj {
  let out = p;
  if (!has(p, 'type') || p.type === '') {
    let type = 'string';
    if (isObj(p.properties)) type = 'object';
    else if (!has(p, 'default')) type = 'string';
    else if (Array.isArray(p.default)) type = 'array';
    else if (isObj(p.default)) type = 'object';
    out = { ...p, type };
  }
  return defaultProperties(out);
}

/** Defaults a Task or Step result's `type` (object when it has properties, else string). */
function defaultResult(r: Obj): Obj {
  const out = !has(r, 'type') || r.type === '' ? { ...r, type: isObj(r.properties) ? 'object' : 'string' } : r;
  return defaultProperties(out);
}

/** Defaults a taskRef's kind to `Task` when it names a local object (no resolver, no custom task). */
function defaultTaskRef(ref: unknown): unknown {
  if (!isObj(ref) || has(ref, 'kind') || has(ref, 'resolver') || has(ref, 'apiVersion')) return ref;
  return { ...ref, kind: 'Task' };
}

function defaultStep(step: Obj): Obj {
  return withField(step, 'results', mapObjs(step.results, defaultResult));
}

function defaultTaskSpec(spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  let out = withField(spec, 'params', mapObjs(spec.params, defaultParamSpec));
  out = withField(out, 'results', mapObjs(out.results, defaultResult));
  return withField(out, 'steps', mapObjs(out.steps, defaultStep));
}

function defaultPipelineTask(task: Obj): Obj {
  let out = withField(task, 'taskRef', defaultTaskRef(task.taskRef));
  out = withField(out, 'taskSpec', defaultTaskSpec(out.taskSpec));
  return withField(out, 'pipelineSpec', defaultPipelineSpec(out.pipelineSpec));
}

function defaultPipelineSpec(spec: unknown): unknown {
  if (!isObj(spec)) return spec;
  let out = withField(spec, 'params', mapObjs(spec.params, defaultParamSpec));
  out = withField(out, 'tasks', mapObjs(out.tasks, defaultPipelineTask));
  return withField(out, 'finally', mapObjs(out.finally, defaultPipelineTask));
}

function defaultSpec(kind: string | undefined, spec: Obj): Obj {
  switch (kind) {
    case 'Task':
      return defaultTaskSpec(spec) as Obj;
    case 'StepAction':
      return withField(withField(spec, 'params', mapObjs(spec.params, defaultParamSpec)), 'results', mapObjs(spec.results, defaultResult));
    case 'Pipeline':
      return defaultPipelineSpec(spec) as Obj;
    case 'TaskRun':
      return withField(withField(spec, 'taskRef', defaultTaskRef(spec.taskRef)), 'taskSpec', defaultTaskSpec(spec.taskSpec));
    case 'PipelineRun':
      return withField(spec, 'pipelineSpec', defaultPipelineSpec(spec.pipelineSpec));
    default:
      return spec;
  }
}

/**
 * Returns a defaulted copy of a Tekton manifest; the input is not modified. The copy shares every object that
 * defaulting did not change with the input, so treat it as read-only.
 */
export function applyDefaults(manifest: Obj): Obj {
  const copy = { ...manifest };
  if (isObj(copy.spec)) copy.spec = defaultSpec(str(copy.kind), copy.spec);
  return copy;
}
