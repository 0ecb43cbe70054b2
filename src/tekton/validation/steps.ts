/**
 * Steps and sidecars of a TaskSpec: T-1, T-2, T-12, NAME-STEP, NAME-SC, STEP-1 to STEP-15, SC-1 to SC-3.
 */
import { lintContainer } from './catalog-lint.js';
import { findRefs } from './expressions.js';
import { alphaOn, betaOn } from './flags.js';
import { isDnsLabel, suggestLabel } from './names.js';
import { validateRef } from './refs.js';
import { validateResults } from './results.js';
import type { TaskScope } from './task-scope.js';
import { checkContainerVariables } from './task-variables.js';
import { validateWhen } from './when.js';
import { applyDefaults } from './defaults.js';
import { declaredParams } from './params.js';
import { asObj, duplicates, entry, field, has, isObj, objs, parseDuration, str, type Issues, type Obj } from './_model.js';

/** Fields a step that uses a StepAction (`ref`) must leave to the StepAction (STEP-5). */
const REF_FORBIDDEN = ['image', 'command', 'args', 'script', 'workingDir', 'env', 'volumeMounts', 'results'] as const;

/** Validates `steps`, `sidecars` and `volumes` of a TaskSpec. */
export function validateSteps(spec: Obj, scope: TaskScope): void {
  const { issues, path } = scope;
  const steps = objs(spec.steps);
  const stepsPath = field(path, 'steps');
  if (steps.length === 0) {
    issues.error('T-1', stepsPath, 'task has no steps', 'add at least one step');
  }
  // Tekton merges stepTemplate into each step before validating, so a step may take its image from it.
  const templateImage = str(asObj(spec.stepTemplate).image) ?? '';
  steps.forEach((step, i) => validateStep(step, entry(stepsPath, i), templateImage, scope));
  const stepNames = steps.map((s) => str(s.name) ?? '').filter((n) => n !== '');
  checkStepNames(stepNames, stepsPath, issues);
  validateSidecars(spec, new Set(stepNames), scope);
  checkVolumeNames(objs(spec.volumes).map((v) => str(v.name) ?? ''), path, issues);
  if (has(spec, 'stepTemplate')) {
    checkContainerVariables(spec.stepTemplate as Obj, field(path, 'stepTemplate'), { kind: 'stepTemplate', stepResults: new Set() }, scope);
  }
}

// The name rules below are their own functions because the Task construct asks them too, for the same wording.

/** STEP-1: step names (non-empty ones) are unique; `path` is the steps list. */
export function checkStepNames(names: readonly string[], path: string, issues: Issues): void {
  for (const dup of duplicates(names)) {
    issues.error('STEP-1', path, `step name "${dup}" is used more than once`, 'give every step a distinct name', dup);
  }
}

/** T-2: volume names are unique; `path` is the TaskSpec. */
export function checkVolumeNames(names: readonly string[], path: string, issues: Issues): void {
  for (const dup of duplicates(names)) {
    issues.error('T-2', field(path, 'volumes'), `volume "${dup}" is declared more than once`, 'give every volume a distinct name', dup);
  }
}

/** NAME-STEP: a step's name, when set, is a DNS-1123 label; `path` is the step. */
export function checkStepName(name: string, path: string, issues: Issues): void {
  if (name !== '' && !isDnsLabel(name)) {
    issues.error('NAME-STEP', field(path, 'name'), 'step name must be a DNS-1123 label', `rename the step, e.g. "${suggestLabel(name)}"`, name);
  }
}

/**
 * NAME-SC and T-12 for one sidecar's name: not the reserved results sidecar, a DNS-1123 label (the pod's
 * container is named `sidecar-<name>`, so another name fails pod creation), and not a step's name.
 */
export function checkSidecarName(name: string, path: string, stepNames: ReadonlySet<string>, issues: Issues): void {
  if (name === 'tekton-log-results') {
    issues.error('NAME-SC', field(path, 'name'), 'sidecar name tekton-log-results is reserved for the results sidecar', 'rename the sidecar', name);
  }
  if (name !== '' && !isDnsLabel(name)) {
    issues.warn('T-12', field(path, 'name'), 'sidecar name must be a DNS-1123 label, or its container cannot be created', `rename the sidecar, e.g. "${suggestLabel(name)}"`, name);
  }
  if (name !== '' && stepNames.has(name)) {
    issues.warn('T-12', field(path, 'name'), `sidecar "${name}" has the same name as a step`, 'rename the sidecar', name);
  }
}

/** T-12: sidecar names (non-empty ones) are unique; `path` is the sidecars list. */
export function checkSidecarNames(names: readonly string[], path: string, issues: Issues): void {
  for (const dup of duplicates(names)) {
    issues.warn('T-12', path, `sidecar name "${dup}" is used more than once`, 'give every sidecar a distinct name', dup);
  }
}

function validateStep(step: Obj, path: string, templateImage: string, scope: TaskScope): void {
  const { issues, flags } = scope;
  checkStepName(str(step.name) ?? '', path, issues);
  if (has(step, 'ref')) {
    for (const key of REF_FORBIDDEN) {
      if (has(step, key)) {
        issues.error('STEP-5', field(path, key), `a step that uses a StepAction (ref) cannot set ${key}`, `move ${key} into the StepAction, or remove ref`);
      }
    }
    validateRef(step.ref, field(path, 'ref'), flags, issues);
    checkStepActionParams(step, path, scope);
  } else {
    if ((str(step.image) || templateImage) === '') issues.error('STEP-2', field(path, 'image'), 'step has no image', 'set image (pinned by digest), or use ref to a StepAction');
    if (has(step, 'params')) issues.error('STEP-3', field(path, 'params'), 'step params are only allowed with ref', 'move the values into env, or use ref to a StepAction');
  }
  validateScriptAndCommand(step, path, 'STEP-4', scope);
  validateTimeout(step, path, scope);
  validateVolumeMounts(step, path, scope);
  validateOnError(step, path, scope);
  for (const key of ['stdoutConfig', 'stderrConfig']) {
    if (has(step, key) && !alphaOn(flags)) {
      issues.error('STEP-11', field(path, key), `${key} needs enable-api-fields "alpha"`, `remove ${key}, or enable alpha API fields`);
    }
  }
  validateUsedWorkspaces(step, path, scope);
  const stepResults = objs(step.results);
  if (stepResults.length > 0) validateResults(step.results, field(path, 'results'), 'step', flags, issues);
  validateWhen(step.when, field(path, 'when'), flags, issues, (text, p) => {
    for (const ref of findRefs(text)) {
      if (ref.root === 'params') {
        const n = ref.parts[1]?.value ?? '';
        if (!scope.params.has(n)) issues.error(scope.undeclaredRule, p, `param "${n}" is not declared`, `declare "${n}" in params or fix the reference`, ref.text);
      }
    }
  });
  const results = new Set(stepResults.map((r) => str(r.name) ?? ''));
  checkContainerVariables(step, path, { kind: 'step', stepResults: results }, scope);
  lintContainer(step, path, issues);
}

/** STEP-4 / SC-2 / SA-2, and STEP-10 (`#!win` is alpha). */
export function validateScriptAndCommand(c: Obj, path: string, rule: string, scope: TaskScope): void {
  if (has(c, 'script') && has(c, 'command')) {
    scope.issues.error(rule, field(path, 'script'), 'script and command cannot both be set', 'keep script (args are passed to it) or command, not both');
  }
  if ((str(c.script) ?? '').startsWith('#!win') && !alphaOn(scope.flags)) {
    scope.issues.error(rule === 'SA-2' ? 'SA-2' : 'STEP-10', field(path, 'script'), 'windows scripts (#!win) need enable-api-fields "alpha"', 'use a posix shell script, or enable alpha API fields');
  }
}

function validateTimeout(step: Obj, path: string, scope: TaskScope): void {
  const t = str(step.timeout);
  if (t === undefined) return;
  const ms = parseDuration(t);
  if (ms === undefined) scope.issues.error('STEP-6', field(path, 'timeout'), 'step timeout is not a duration', 'write a Go duration such as "5m" or "1h30m"', t);
  else if (ms < 0) scope.issues.error('STEP-6', field(path, 'timeout'), 'step timeout must not be negative', 'use a positive duration, or "0" for none', t);
}

/** STEP-7: mounts under /tekton/ (except /tekton/home) and tekton-internal- volume names are reserved. */
export function validateVolumeMounts(c: Obj, path: string, scope: TaskScope): void {
  objs(c.volumeMounts).forEach((vm, i) => {
    const p = entry(field(path, 'volumeMounts'), i);
    const mountPath = str(vm.mountPath) ?? '';
    if (mountPath.startsWith('/tekton/') && !mountPath.startsWith('/tekton/home')) {
      scope.issues.error('STEP-7', field(p, 'mountPath'), 'mount paths under /tekton/ are reserved for Tekton', 'mount the volume somewhere else', mountPath);
    }
    const name = str(vm.name) ?? '';
    if (name.startsWith('tekton-internal-')) {
      scope.issues.error('STEP-7', field(p, 'name'), 'volume names starting with tekton-internal- are reserved', 'rename the volume', name);
    }
  });
}

function validateOnError(step: Obj, path: string, scope: TaskScope): void {
  if (!has(step, 'onError')) return;
  const v = str(step.onError) ?? '';
  if (v !== 'continue' && v !== 'stopAndFail' && !v.startsWith('$(params')) {
    scope.issues.error('STEP-8', field(path, 'onError'), 'step onError must be "continue" or "stopAndFail"', 'set onError to "continue" or "stopAndFail"', step.onError);
  }
}

/** STEP-13: isolated step and sidecar workspaces are beta and must name a declared Task workspace. */
function validateUsedWorkspaces(c: Obj, path: string, scope: TaskScope): void {
  const list = objs(c.workspaces);
  if (list.length > 0 && !betaOn(scope.flags)) {
    scope.issues.error('STEP-13', field(path, 'workspaces'), 'step and sidecar workspaces need enable-api-fields "beta" or "alpha"', 'mount the workspace at task level, or enable beta API fields');
  }
  list.forEach((w, i) => {
    const n = str(w.name) ?? '';
    if (!scope.workspaceNames.has(n)) {
      scope.issues.error('STEP-13', field(entry(field(path, 'workspaces'), i), 'name'), `workspace "${n}" is not declared by the Task`, 'declare it in spec.workspaces or fix the name', n);
    }
  });
}

function validateSidecars(spec: Obj, stepNames: ReadonlySet<string>, scope: TaskScope): void {
  const { issues } = scope;
  const sidecarsPath = field(scope.path, 'sidecars');
  const sidecars = objs(spec.sidecars);
  sidecars.forEach((sc, i) => {
    const p = entry(sidecarsPath, i);
    if ((str(sc.image) ?? '') === '') issues.error('SC-1', field(p, 'image'), 'sidecar has no image', 'set image (pinned by digest)');
    validateScriptAndCommand(sc, p, 'SC-2', scope);
    checkSidecarName(str(sc.name) ?? '', p, stepNames, issues);
    if (has(sc, 'restartPolicy') && (sc.restartPolicy !== 'Always' || !scope.flags.kubernetesSidecar)) {
      issues.warn('SC-3', field(p, 'restartPolicy'), 'sidecar restartPolicy must be "Always" and needs enable-kubernetes-sidecar (Kubernetes 1.29+)', 'remove restartPolicy, or set it to "Always" with the flag on', sc.restartPolicy);
    }
    validateVolumeMounts(sc, p, scope);
    validateUsedWorkspaces(sc, p, scope);
    checkContainerVariables(sc, p, { kind: 'sidecar', stepResults: new Set() }, scope);
    lintContainer(sc, p, issues);
  });
  checkSidecarNames(sidecars.map((s) => str(s.name) ?? '').filter((n) => n !== ''), sidecarsPath, issues);
}

/** SA-7: a step using a local StepAction passes exactly the params it declares (required ones at least). */
function checkStepActionParams(step: Obj, path: string, scope: TaskScope): void {
  const ref = asObj(step.ref);
  const name = str(ref.name);
  if (name === undefined || has(ref, 'resolver') || !scope.findStepAction) return;
  const found = scope.findStepAction(name);
  if (!isObj(found)) return;
  const decls = declaredParams(asObj(applyDefaults({ ...found, kind: 'StepAction' }).spec).params);
  const passed = new Set(objs(step.params).map((p) => str(p.name) ?? ''));
  const paramsPath = field(path, 'params');
  for (const p of passed) {
    if (!decls.has(p)) scope.issues.error('SA-7', entry(paramsPath, p), `param "${p}" is not declared by StepAction "${name}"`, `remove it; declared: ${[...decls.keys()].join(', ') || '(none)'}`, p);
  }
  for (const decl of decls.values()) {
    if (!decl.hasDefault && !passed.has(decl.name)) scope.issues.error('SA-7', paramsPath, `param "${decl.name}" is required by StepAction "${name}" but not passed`, `pass { name: ${decl.name}, value: ... }`, decl.name);
  }
}
