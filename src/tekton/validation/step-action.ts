/**
 * StepAction (`tekton.dev/v1beta1`): SA-1 to SA-6.
 */
import { lintContainer } from './catalog-lint.js';
import { findRefs } from './expressions.js';
import type { ResolvedFlags } from './flags.js';
import { declaredParams, validateParamSpecs } from './params.js';
import { validateResults } from './results.js';
import { validateScriptAndCommand, validateVolumeMounts } from './steps.js';
import type { TaskScope } from './task-scope.js';
import { checkContainerVariables } from './task-variables.js';
import { entry, field, objs, str, type Issues, type Obj } from './_model.js';

/** Validates a StepAction's spec at `spec`. */
export function validateStepActionSpec(spec: Obj, flags: ResolvedFlags, issues: Issues): void {
  const path = 'spec';
  validateParamSpecs(spec.params, field(path, 'params'), 'StepAction', flags, issues);
  validateResults(spec.results, field(path, 'results'), 'step', flags, issues);
  const params = declaredParams(spec.params);
  const scope: TaskScope = {
    path,
    params,
    undeclaredRule: 'SA-4',
    inPipeline: false,
    stepAction: true,
    resultNames: new Set(),
    workspaceNames: new Set(),
    flags,
    issues,
  };
  if ((str(spec.image) ?? '') === '') issues.error('SA-1', field(path, 'image'), 'the StepAction has no image', 'set image (pinned by digest)');
  validateScriptAndCommand(spec, path, 'SA-2', scope);
  validateVolumeMounts(spec, path, scope);
  objs(spec.volumeMounts).forEach((vm, i) => {
    const name = str(vm.name) ?? '';
    const refs = findRefs(name);
    const ref = refs[0];
    const ok = refs.length === 1 && ref !== undefined && ref.whole && ref.root === 'params' && params.has(ref.parts[1]?.value ?? '');
    if (!ok) {
      issues.error('SA-6', field(entry(field(path, 'volumeMounts'), i), 'name'), 'volumeMount name must be exactly one $(params.X) reference to a declared param', 'declare a param for the volume name and use "$(params.<name>)"', name);
    }
  });
  const results = new Set(objs(spec.results).map((r) => str(r.name) ?? ''));
  // Volume mount names are checked by SA-6 above; leave them out of the generic param checks.
  const container: Obj = { ...spec, volumeMounts: objs(spec.volumeMounts).map((vm) => ({ ...vm, name: undefined })) };
  checkContainerVariables(container, path, { kind: 'stepAction', stepResults: results }, scope);
  lintContainer(spec, path, issues);
}
