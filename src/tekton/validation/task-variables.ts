/**
 * Variable references inside steps, sidecars and StepActions (T-4 to T-10, T-13, STEP-9, STEP-12,
 * STEP-14, SA-3 to SA-5, VAR-1, VAR-2, VAR-6, VAR-7).
 */
import { asParamUse, findRefs, type VariableRef } from './expressions.js';
import type { TaskScope } from './task-scope.js';
import { asArray, entry, field, objs, str, type Obj } from './_model.js';

/** Which container field a string came from; decides what references may appear in it. */
type FieldKind = 'name' | 'image' | 'workingDir' | 'script' | 'command' | 'args' | 'env' | 'volumeMount' | 'onError';

interface TextField {
  readonly kind: FieldKind;
  readonly path: string;
  readonly text: string;
}

/** The strings of a container that Tekton substitutes into. */
function textFields(c: Obj, path: string): TextField[] {
  const out: TextField[] = [];
  const one = (kind: FieldKind, key: string): void => {
    const v = str(c[key]);
    if (v !== undefined) out.push({ kind, path: field(path, key), text: v });
  };
  one('name', 'name');
  one('image', 'image');
  one('workingDir', 'workingDir');
  one('script', 'script');
  one('onError', 'onError');
  for (const key of ['command', 'args'] as const) {
    asArray(c[key]).forEach((v, i) => {
      if (typeof v === 'string') out.push({ kind: key, path: entry(field(path, key), i), text: v });
    });
  }
  objs(c.env).forEach((e, i) => {
    const v = str(e.value);
    if (v !== undefined) out.push({ kind: 'env', path: field(entry(field(path, 'env'), str(e.name) || i), 'value'), text: v });
  });
  objs(c.volumeMounts).forEach((vm, i) => {
    for (const key of ['name', 'mountPath', 'subPath']) {
      const v = str(vm[key]);
      if (v !== undefined) out.push({ kind: 'volumeMount', path: field(entry(field(path, 'volumeMounts'), i), key), text: v });
    }
  });
  return out;
}

/** What kind of container is being checked. */
export interface ContainerRole {
  readonly kind: 'step' | 'sidecar' | 'stepTemplate' | 'stepAction';
  /** Results declared on this step (inline step results or StepAction results). */
  readonly stepResults: ReadonlySet<string>;
}

const TASK_RUN_CONTEXT = new Set(['name', 'namespace', 'uid']);
const TASK_CONTEXT = new Set(['name', 'retry-count']);
const WORKSPACE_ATTRS = new Set(['path', 'bound', 'claim', 'volume']);
const TASK_ROOTS = new Set(['params', 'results', 'context', 'workspaces', 'steps', 'step', 'credentials', 'artifacts', 'inputs', 'outputs']);
const PIPELINE_ROOTS = new Set(['tasks', 'finally']);

/** Checks every `$(...)` in one container's substituted fields. */
export function checkContainerVariables(c: Obj, path: string, role: ContainerRole, scope: TaskScope): void {
  const envNames = kubernetesEnvNames(c);
  for (const f of textFields(c, path)) {
    if (role.kind === 'stepAction' && f.kind === 'script' && f.text.includes('$(params')) {
      scope.issues.error('SA-3', f.path, 'a StepAction script must not use $(params.*)', 'pass the param through env and read it as a shell variable');
    } else if (role.kind === 'step' && f.kind === 'script' && /\$\(params[.[]/.test(f.text)) {
      scope.issues.warn('T-13', f.path, 'param interpolated into a script', 'pass the param through env and read it as a shell variable');
    }
    for (const ref of findRefs(f.text)) checkRef(ref, f, role, scope, envNames);
  }
}

/** Env variable names Kubernetes itself expands as `$(NAME)` in command, args and env values. */
function kubernetesEnvNames(c: Obj): ReadonlySet<string> {
  return new Set(objs(c.env).map((e) => str(e.name) ?? ''));
}

function checkRef(ref: VariableRef, f: TextField, role: ContainerRole, scope: TaskScope, envNames: ReadonlySet<string>): void {
  const { issues, flags } = scope;
  const [, second, third, fourth] = ref.parts;
  switch (ref.root) {
    case 'params':
      checkParamRef(ref, f, role, scope);
      return;
    case 'results':
      if (f.kind === 'script' && !scope.stepAction && second && !scope.resultNames.has(second.value)) {
        issues.error('T-9', f.path, `script writes result "${second.value}", which the Task does not declare`, `declare "${second.value}" in spec.results or fix the name`, ref.text);
      }
      if (f.kind === 'script' && scope.stepAction && second && !role.stepResults.has(second.value)) {
        issues.error('SA-5', f.path, `script writes result "${second.value}", which the StepAction does not declare`, `declare "${second.value}" in spec.results`, ref.text);
      }
      return;
    case 'steps':
      if (third?.value === 'results' && !['env', 'command', 'args'].includes(f.kind)) {
        issues.error('STEP-9', f.path, `step result reference ${ref.text} may only be used in env, command or args`, 'pass it through an env variable', ref.text);
      }
      if ((third?.value === 'outputs' || third?.value === 'inputs') && !flags.artifacts) {
        issues.error('STEP-12', f.path, 'artifact references need enable-artifacts', 'remove the reference, or set enable-artifacts: "true"', ref.text);
      }
      return;
    case 'step':
      if (second?.value === 'artifacts' && !flags.artifacts) {
        issues.error('STEP-12', f.path, 'artifact references need enable-artifacts', 'remove the reference, or set enable-artifacts: "true"', ref.text);
      }
      if (second?.value === 'results' && f.kind === 'script' && third && !role.stepResults.has(third.value) && (role.stepResults.size > 0 || scope.stepAction)) {
        const rule = scope.stepAction ? 'SA-5' : 'STEP-14';
        issues.error(rule, f.path, `script writes step result "${third.value}", which the step does not declare`, `declare "${third.value}" in the step's results`, ref.text);
      }
      return;
    case 'artifacts':
      if (!flags.artifacts) issues.error('STEP-12', f.path, 'artifact references need enable-artifacts', 'remove the reference, or set enable-artifacts: "true"', ref.text);
      return;
    case 'context':
      if (second?.value === 'taskRun' && !(third && TASK_RUN_CONTEXT.has(third.value) && !fourth)) {
        issues.error('T-8', f.path, `unknown context variable ${ref.text}`, 'use $(context.taskRun.name), .namespace or .uid', ref.text);
      }
      if (second?.value === 'task' && !(third && TASK_CONTEXT.has(third.value) && !fourth)) {
        issues.error('T-8', f.path, `unknown context variable ${ref.text}`, 'use $(context.task.name) or $(context.task.retry-count)', ref.text);
      }
      return;
    case 'workspaces':
      if (second && !scope.workspaceNames.has(second.value)) {
        issues.warn('VAR-6', f.path, `workspace "${second.value}" is not declared by the Task`, 'declare the workspace in spec.workspaces or fix the name', ref.text);
      } else if (!third || !WORKSPACE_ATTRS.has(third.value)) {
        issues.warn('VAR-6', f.path, `${ref.text} is not a workspace variable`, 'use .path, .bound, .claim or .volume', ref.text);
      }
      return;
    default:
      if (f.kind === 'script' || TASK_ROOTS.has(ref.root) || (scope.inPipeline && PIPELINE_ROOTS.has(ref.root))) return;
      // Kubernetes expands $(NAME) of the container's own env variables in command, args and env.
      if (envNames.has(ref.body) && f.kind !== 'image' && f.kind !== 'name') return;
      issues.warn('VAR-7', f.path, `${ref.text} is not a tekton variable and is passed through literally`, 'write shell variables as ${VAR}', ref.text);
  }
}

function checkParamRef(ref: VariableRef, f: TextField, role: ContainerRole, scope: TaskScope): void {
  const severity = role.kind === 'sidecar' ? 'warning' : 'error';
  const sa = scope.stepAction;
  const id = (rule: string): string => (sa ? 'SA-4' : rule);
  const use = asParamUse(ref, (n) => scope.params.has(n));
  const { issues } = scope;
  if (!use) {
    // The webhook leaves a reference it cannot parse alone (it stays literal at run time): advice only.
    issues.add('warning', id('VAR-1'), f.path, `malformed param reference ${ref.text}`, "use $(params.name), $(params['name']), $(params.name[*]), $(params.name[0]) or $(params.obj.key)", ref.text);
    return;
  }
  if (use.dotParts > 2) {
    issues.add(severity, id('T-10'), f.path, `param reference ${ref.text} has more than two dot-separated parts`, `use bracket syntax for dotted names: $(params['${use.name}'])`, ref.text);
    return;
  }
  const decl = scope.params.get(use.name);
  if (!decl) {
    const rule = sa ? 'SA-4' : role.kind === 'sidecar' ? 'T-4' : scope.undeclaredRule;
    issues.add(severity, rule, f.path, `param "${use.name}" is not declared`, `declare "${use.name}" in params or fix the reference`, ref.text);
    return;
  }
  const element = f.kind === 'command' || f.kind === 'args';
  if (decl.type === 'object') {
    if (use.key === undefined) {
      issues.add(severity, id('T-6'), f.path, `object param "${use.name}" cannot be used as a whole here`, `use one key, e.g. $(params.${use.name}.${[...decl.keys][0] ?? 'key'})`, ref.text);
    } else if (!decl.keys.has(use.key)) {
      issues.add(severity, id('T-5'), f.path, `object param "${use.name}" has no key "${use.key}"`, `use one of: ${[...decl.keys].join(', ')}`, ref.text);
    }
    return;
  }
  if (use.key !== undefined) {
    issues.add(severity, id('T-5'), f.path, `param "${use.name}" is a ${decl.type}, not an object with key "${use.key}"`, `use $(params.${use.name})`, ref.text);
    return;
  }
  if (decl.type === 'array' && use.index === undefined) {
    if (!element) {
      issues.add(severity, id('T-7'), f.path, `array param "${use.name}" can only be used indexed here`, `use $(params.${use.name}[0]), or pass the whole array in command or args`, ref.text);
    } else if (!ref.whole) {
      issues.add(severity, id('T-7'), f.path, `array param reference ${ref.text} is not properly isolated`, `make "${ref.text}" a list element of its own`, ref.text);
    }
  }
}

/** T-14: declared params, workspaces and results that nothing in the spec uses. */
export function unusedDeclarations(spec: Obj): Array<{ kind: 'param' | 'workspace' | 'result'; name: string }> {
  const text = JSON.stringify({ ...spec, params: undefined, workspaces: undefined, results: undefined });
  const used = (re: RegExp): boolean => re.test(text);
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: Array<{ kind: 'param' | 'workspace' | 'result'; name: string }> = [];
  for (const p of objs(spec.params)) {
    const n = str(p.name) ?? '';
    if (n !== '' && !used(new RegExp(`\\$\\(params(\\.${esc(n)}\\b|\\[['"]${esc(n)}['"]\\])`))) out.push({ kind: 'param', name: n });
  }
  const stepWorkspaces = new Set(objs(spec.steps).concat(objs(spec.sidecars)).flatMap((s) => objs(s.workspaces).map((w) => str(w.name))));
  for (const w of objs(spec.workspaces)) {
    const n = str(w.name) ?? '';
    const mount = str(w.mountPath) ?? `/workspace/${n}`;
    if (n !== '' && !stepWorkspaces.has(n) && !used(new RegExp(`\\$\\(workspaces\\.${esc(n)}\\.`)) && !text.includes(mount)) out.push({ kind: 'workspace', name: n });
  }
  for (const r of objs(spec.results)) {
    const n = str(r.name) ?? '';
    const literal = text.includes(`/tekton/results/${n}`);
    if (n !== '' && r.value === undefined && !literal && !used(new RegExp(`\\$\\(results(\\.${esc(n)}\\b|\\[['"]${esc(n)}['"]\\])`))) out.push({ kind: 'result', name: n });
  }
  return out;
}

