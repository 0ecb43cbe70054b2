/**
 * Private eager checks of the constructs, worded by the validator's own rules: a mistake found when a construct is
 * built throws the rule id, path, message and fix that the synth-time validation and `signet lint` report for the
 * same mistake in YAML: names and duplicates (META-1, NAME-PT, NAME-STEP, NAME-SC, P-4, P-5, RES-1, T-2, T-11,
 * T-12, STEP-1, WS-1, WS-3, DAG-1, PRES-4), passed params (PT-11 for pipeline tasks, RUN-14 for runs, SA-7 for
 * StepAction steps), and, through `checkAsValidated` and `throwParamSpecIssue`, steps, sidecars, StepActions,
 * param and result declarations (STEP-2 to STEP-5, T-13, SC-2, SA-2, SA-3, P-2, P-3, P-6, RES-3, PRES-1, PRES-2).
 *
 * Each check first asks a cheap predicate (a name pattern, a set lookup, the construct's own test); the rule runs
 * only on the error path, so the checks that pass stay as cheap as before.
 */
import type { JsonObject, ParamSpec, ParamValue } from '../tekton/index.js';
import {
  isDnsLabel,
  isObjectName,
  isObjectParamName,
  isParamName,
  isResultName,
  paramValueType,
  renderParamSpec,
  renderPipelineSpec,
  renderStepActionSpec,
  renderTaskSpec,
  STEP_ACTION_API_VERSION,
  TEKTON_API_VERSION,
} from '../tekton/index.js';
import { checkRequiredParams } from '../tekton/validation/cross-refs.js';
import { checkPipelineTaskNames } from '../tekton/validation/dag.js';
import { resolveFlags } from '../tekton/validation/flags.js';
import { formatIssue, type ValidationIssue } from '../tekton/validation/issue.js';
import { validateMetadata } from '../tekton/validation/names.js';
import { declaredParams, type ParamOwner, validateParamSpecs } from '../tekton/validation/params.js';
import { checkPipelineTaskName } from '../tekton/validation/pipeline-task.js';
import { validatePipelineResults, validateResults } from '../tekton/validation/results.js';
import { checkSidecarName, checkSidecarNames, checkStepName, checkStepNames, checkVolumeNames } from '../tekton/validation/steps.js';
import { validatePipelineWorkspaces, validateTaskWorkspaces } from '../tekton/validation/workspaces.js';
import { validateTektonObject, type ValidationContext } from '../tekton/validation/index.js';
import { entry, Issues } from '../tekton/validation/_model.js';
import { nameKey } from './_values.js';
import type { IPipelineDefinition } from './pipeline-reference.js';
import type { IStepActionDefinition } from './step-action-reference.js';
import type { ITaskDefinition } from './task-reference.js';
import { TektonConstructError, type TektonConstructErrorCode } from './errors.js';

const WHOLE_EXPRESSION = /^\$\([^()]*\)$/;

/**
 * Throws on a param the target does not declare, a required param not passed, or a value whose shape cannot
 * match the declared type. `declared` undefined means unknown: nothing is checked. `unknown`, when given, throws
 * the validator's issue about an undeclared param (PT-13, SA-7); it gets the construct's own message as fallback.
 */
export function checkParams(
  where: string,
  target: string,
  declared: readonly ParamSpec[] | undefined,
  passed: ReadonlyMap<string, ParamValue>,
  rule: ParamRule,
  unknown?: (fallback: string) => never,
): void {
  if (!declared) return;
  const byKey = declaredByKey(declared);
  for (const [name, value] of passed) {
    const spec = byKey.get(nameKey(name));
    if (!spec) {
      const known = declared.map((p) => p.name).join(', ') || 'none';
      const fallback = `${target} has no param '${name}'; declared params: ${known}`;
      if (unknown !== undefined) unknown(fallback);
      throw new TektonConstructError('UNKNOWN_PARAM', `${where}: ${fallback}`);
    }
    const want = spec.type ?? 'string';
    const got = paramValueType(value);
    if (want !== got && !(typeof value === 'string' && WHOLE_EXPRESSION.test(value))) {
      const fallback = `param '${name}' of ${target} is of type '${want}' but was given a ${got}; pass a ${want} value`;
      throwIssue(where, 'INVALID_PROPS', paramIssue(rule, spec, passed), fallback);
    }
  }
  let passedKeys: Set<string> | undefined;
  for (const spec of declared) {
    if (spec.default !== undefined || passed.has(spec.name)) continue;
    passedKeys ??= new Set([...passed.keys()].map(nameKey));
    if (!passedKeys.has(nameKey(spec.name))) {
      const fallback = `required param '${spec.name}' of ${target} is not passed; pass it in params, or give the param a default`;
      throwIssue(where, 'MISSING_PARAM', paramIssue(rule, spec, passed), fallback);
    }
  }
}

/**
 * The validator rule that checks passed params where the construct stands (PT-11 for a pipeline task, RUN-14 for a
 * run, SA-7 for a step that runs a StepAction), with the manifest path of the params and the referenced object as
 * the validator names it (`Task "build"`, `inline taskSpec`, `the Pipeline`, `StepAction "git-clone"`).
 */
export interface ParamRule {
  readonly id: 'PT-11' | 'RUN-14' | 'SA-7';
  readonly path: string;
  readonly what: string;
}

/**
 * The validator's issue about `spec`, or `undefined` when the rule does not see the problem (it compares names
 * exactly; the constructs also accept another case).
 */
function paramIssue(rule: ParamRule, spec: ParamSpec, passed: ReadonlyMap<string, ParamValue>): ValidationIssue | undefined {
  const issues = new Issues();
  checkRequiredParams(declaredParams([renderParamSpec(spec)]), passed, rule.path, rule.what, rule.id, issues);
  return issues.toArray()[0];
}

/** Declared params by case-insensitive name; kept for frozen lists (a Task's interface), which cannot change. */
const BY_KEY = new WeakMap<readonly ParamSpec[], ReadonlyMap<string, ParamSpec>>();

function declaredByKey(declared: readonly ParamSpec[]): ReadonlyMap<string, ParamSpec> {
  const kept = BY_KEY.get(declared);
  if (kept) return kept;
  const byKey = new Map(declared.map((p) => [nameKey(p.name), p]));
  if (Object.isFrozen(declared)) BY_KEY.set(declared, byKey);
  return byKey;
}


/** Throws `issue` as the validator words it (`[RULE] path: message; fix`), or `fallback` when there is none. */
function throwIssue(where: string, code: TektonConstructErrorCode, issue: ValidationIssue | undefined, fallback: string): never {
  if (issue === undefined) throw new TektonConstructError(code, `${where}: ${fallback}`);
  throw new TektonConstructError(code, `${where}: ${formatIssue(issue)}`, issue);
}

/** Throws the first issue of one of `ruleIds` that `rule` reports; nothing when it reports none. */
function throwFirst(where: string, code: TektonConstructErrorCode, ruleIds: readonly string[], rule: (issues: Issues) => void): void {
  const issues = new Issues();
  rule(issues);
  const issue = issues.toArray().find((i) => ruleIds.includes(i.ruleId));
  if (issue !== undefined) throwIssue(where, code, issue, '');
}

// The flags the eager checks judge by: Tekton's defaults, with param enums on (whether the cluster enables them is
// for the synth-time validation, which knows the flags, to say).
let flags: ReturnType<typeof resolveFlags> | undefined;
const defaultFlags = (): ReturnType<typeof resolveFlags> => (flags ??= resolveFlags({ 'enable-param-enum': 'true' }));

/**
 * Validates `manifest` (a Tekton object as it would be with the change being made) as `signet lint` does, with
 * `context` for the objects it references, and throws the first issue of one of `rules` at or under `path`, with the
 * code `rules` gives its id; nothing when the validator finds none there.
 */
export function checkAsValidated(
  where: string,
  manifest: JsonObject,
  path: string,
  rules: Readonly<Record<string, TektonConstructErrorCode>>,
  context?: ValidationContext,
): void {
  const under = (p: string): boolean => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`);
  const issue = validateTektonObject(manifest, context).find((i) => rules[i.ruleId] !== undefined && under(i.path));
  if (issue !== undefined) throwIssue(where, rules[issue.ruleId]!, issue, '');
}

/** As {@link checkAsValidated}, but throws `fallback` when no rule reports the mistake (a construct's own, stricter check). */
export function throwAsValidated(
  where: string,
  manifest: JsonObject,
  path: string,
  rules: Readonly<Record<string, TektonConstructErrorCode>>,
  fallback: { readonly code: TektonConstructErrorCode; readonly message: string },
  context?: ValidationContext,
): never {
  checkAsValidated(where, manifest, path, rules, context);
  return throwIssue(where, fallback.code, undefined, fallback.message);
}

/**
 * Throws the validator's P-1 to P-3 or P-6 issue about one param declaration, found wrong by a construct's own
 * check; `fallback` when no rule reports it (a construct-only check, such as an empty enum).
 */
export function throwParamSpecIssue(where: string, owner: ParamOwner, spec: ParamSpec, fallback: string): never {
  const issues = new Issues();
  validateParamSpecs([renderParamSpec(spec)], 'spec.params', owner, defaultFlags(), issues);
  const issue = issues.toArray().find((i) => i.severity === 'error' && ['P-1', 'P-2', 'P-3', 'P-6'].includes(i.ruleId));
  return throwIssue(where, 'INVALID_PROPS', issue, fallback);
}

/** META-1: the name of a Tekton object. */
export function checkObjectName(where: string, name: string): void {
  if (isObjectName(name)) return;
  throwFirst(where, 'INVALID_NAME', ['META-1'], (issues) => validateMetadata({ metadata: { name } }, issues));
}

/**
 * P-5 and P-4 for a param declared after `declared` (by case-insensitive name): its name (and an object param's keys) and its uniqueness,
 * case-insensitive as Tekton's docs say (the validator warns about a clash in case only; the constructs refuse it).
 */
export function checkParamDeclaration(where: string, owner: ParamOwner, spec: ParamSpec, declared: ReadonlyMap<string, { readonly spec: ParamSpec }>): void {
  const keysOk = spec.type !== 'object' || spec.properties.every(isObjectParamName);
  const nameOk = spec.type === 'object' ? isObjectParamName(spec.name) : isParamName(spec.name);
  if (nameOk && keysOk && !declared.has(nameKey(spec.name))) return;
  const list = [...[...declared.values()].map((p) => p.spec), spec].map(renderParamSpec);
  throwFirst(where, nameOk && keysOk ? 'DUPLICATE_NAME' : 'INVALID_NAME', ['P-5', 'P-4'], (issues) =>
    validateParamSpecs(list, 'spec.params', owner, defaultFlags(), issues),
  );
}

/** RES-1 and T-11 (Task and step results), PRES-4 (Pipeline results) for a result declared after `declared`. */
export function checkResultDeclaration(where: string, owner: 'task' | 'step' | 'pipeline', name: string, declared: readonly string[]): void {
  if (isResultName(name) && !declared.includes(name)) return;
  const list = [...declared, name].map((n) => ({ name: n, type: 'string' }));
  const code = isResultName(name) ? 'DUPLICATE_NAME' : 'INVALID_NAME';
  if (owner === 'pipeline') {
    const noTasks = { tasks: new Set<string>(), finally: new Set<string>() };
    throwFirst(where, code, ['PRES-4'], (issues) => validatePipelineResults(list, 'spec.results', noTasks, issues));
  } else {
    throwFirst(where, code, ['RES-1', 'T-11'], (issues) => validateResults(list, 'spec.results', owner, defaultFlags(), issues));
  }
}

/** WS-1 (Task) and WS-3 (Pipeline): workspace names are unique (and, in a Pipeline, not empty). */
export function checkWorkspaceDeclaration(where: string, owner: 'task' | 'pipeline', name: string, declared: readonly string[]): void {
  if (name !== '' && !declared.includes(name)) return;
  const list = [...declared, name].map((n) => ({ name: n }));
  const code = name === '' ? 'INVALID_NAME' : 'DUPLICATE_NAME';
  if (owner === 'pipeline') {
    throwFirst(where, code, ['WS-3'], (issues) => validatePipelineWorkspaces(list, 'spec.workspaces', issues));
  } else {
    throwFirst(where, code, ['WS-1'], (issues) => validateTaskWorkspaces({ workspaces: list }, 'spec', issues));
  }
}

/** NAME-STEP and STEP-1 for the step added after `stepNames` (its index in `spec.steps`: their count). */
export function checkStepDeclaration(where: string, name: string, stepNames: ReadonlySet<string>): void {
  if (isDnsLabel(name) && !stepNames.has(name)) return;
  const path = entry('spec.steps', stepNames.size);
  throwFirst(where, isDnsLabel(name) ? 'DUPLICATE_NAME' : 'INVALID_NAME', ['NAME-STEP', 'STEP-1'], (issues) => {
    checkStepName(name, path, issues);
    checkStepNames([...stepNames, name], 'spec.steps', issues);
  });
}

/** NAME-SC and T-12 for the sidecar added after `sidecarNames`: reserved, malformed, a step's or a sidecar's name. */
export function checkSidecarDeclaration(where: string, name: string, stepNames: ReadonlySet<string>, sidecarNames: readonly string[]): void {
  if (isDnsLabel(name) && name !== 'tekton-log-results' && !stepNames.has(name) && !sidecarNames.includes(name)) return;
  const path = entry('spec.sidecars', sidecarNames.length);
  const code = isDnsLabel(name) && name !== 'tekton-log-results' ? 'DUPLICATE_NAME' : 'INVALID_NAME';
  throwFirst(where, code, ['NAME-SC', 'T-12'], (issues) => {
    checkSidecarName(name, path, stepNames, issues);
    checkSidecarNames([...sidecarNames, name], 'spec.sidecars', issues);
  });
}

/** T-2: volume names are unique. */
export function checkVolumeDeclaration(where: string, name: string, declared: readonly string[]): void {
  if (!declared.includes(name)) return;
  throwFirst(where, 'DUPLICATE_NAME', ['T-2'], (issues) => checkVolumeNames([...declared, name], 'spec', issues));
}

/** NAME-PT and DAG-1 for a pipeline task added after `taskNames` (tasks and finally). */
export function checkPipelineTaskDeclaration(where: string, name: string, isFinally: boolean, taskNames: ReadonlySet<string>): void {
  if (isDnsLabel(name) && !taskNames.has(name)) return;
  const path = entry(isFinally ? 'spec.finally' : 'spec.tasks', name);
  throwFirst(where, isDnsLabel(name) ? 'DUPLICATE_NAME' : 'INVALID_NAME', ['NAME-PT', 'DAG-1'], (issues) => {
    checkPipelineTaskName(name, path, issues);
    checkPipelineTaskNames([...taskNames, name], 'spec', issues);
  });
}

/**
 * A validation context that finds the Task, Pipeline or StepAction a pipeline task, run or step references by name,
 * as its interface declares it.
 */
export function interfaceContext(definition: ITaskDefinition | IPipelineDefinition | IStepActionDefinition): ValidationContext {
  if ('bindStepAction' in definition) {
    const ref = definition.bindStepAction();
    if (ref.name === undefined || ref.resolver !== undefined) return {};
    const { params, results } = definition.stepActionInterface;
    const spec = renderStepActionSpec({ image: '', params: params && [...params], results: results && [...results] });
    const manifest = { apiVersion: STEP_ACTION_API_VERSION, kind: 'StepAction', metadata: { name: ref.name }, spec };
    return { findStepAction: (n) => (n === ref.name ? manifest : undefined) };
  }
  if ('bindTask' in definition) {
    const ref = definition.bindTask().taskRef;
    const name = ref?.name;
    if (name === undefined || ref?.resolver !== undefined) return {};
    const { params, workspaces, results } = definition.taskInterface;
    const declaredResults = results?.map((r) => (typeof r === 'string' ? { name: r } : r));
    const spec = renderTaskSpec({ params: params && [...params], workspaces: workspaces && [...workspaces], results: declaredResults, steps: [] });
    const manifest = { apiVersion: TEKTON_API_VERSION, kind: 'Task', metadata: { name }, spec };
    return { findTask: (n) => (n === name ? manifest : undefined) };
  }
  const ref = definition.bindPipeline().pipelineRef;
  const name = ref?.name;
  if (name === undefined || ref?.resolver !== undefined) return {};
  const { params, workspaces } = definition.pipelineInterface;
  const spec = renderPipelineSpec({ params: params && [...params], workspaces: workspaces && [...workspaces], tasks: [] });
  const manifest = { apiVersion: TEKTON_API_VERSION, kind: 'Pipeline', metadata: { name }, spec };
  return { findPipeline: (n) => (n === name ? manifest : undefined) };
}
