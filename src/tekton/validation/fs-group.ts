/**
 * WS-12 (a warning): a PersistentVolumeClaim is owned by root unless the pod sets an fsGroup, so a
 * step that runs as non-root and writes to a PVC-backed workspace fails with "permission denied" on
 * its first write. Tekton admits such a run; it fails when the step runs.
 */
import { asObj, entry, field, has, objs, str, type Issues, type Obj } from './_model.js';

/** True when a container securityContext (or the pod's) makes the process non-root. */
function nonRoot(sc: Obj): boolean {
  return sc.runAsNonRoot === true || (typeof sc.runAsUser === 'number' && sc.runAsUser > 0);
}

/** True when some step of the spec runs as non-root: its own, the stepTemplate's or the pod's securityContext. */
export function hasNonRootStep(taskSpec: Obj, podSecurityContext: Obj): boolean {
  const template = asObj(asObj(taskSpec.stepTemplate).securityContext);
  return objs(taskSpec.steps).some((s) => {
    const own = asObj(s.securityContext);
    const merged = { ...podSecurityContext, ...template, ...own };
    return nonRoot(merged) && merged.runAsUser !== 0;
  });
}

/** The names of the run's workspace bindings backed by a PersistentVolumeClaim. */
export function pvcBackedBindings(bindings: unknown): Set<string> {
  return new Set(objs(bindings).filter((b) => has(b, 'persistentVolumeClaim') || has(b, 'volumeClaimTemplate')).map((b) => str(b.name) ?? ''));
}

/** The pod securityContext of a podTemplate. */
export const podSecurityContext = (podTemplate: unknown): Obj => asObj(asObj(podTemplate).securityContext);

/** True when the pod securityContext sets an fsGroup. */
export const hasFsGroup = (sc: Obj): boolean => typeof sc.fsGroup === 'number' || typeof sc.fsGroup === 'string';

/** The task workspaces a spec may write (declared and not readOnly). */
const writable = (taskSpec: Obj): Set<string> => new Set(objs(taskSpec.workspaces).filter((w) => w.readOnly !== true).map((w) => str(w.name) ?? ''));

/** WS-12 for a TaskRun whose Task spec is known. */
export function checkTaskRunFsGroup(spec: Obj, taskSpec: Obj, issues: Issues): void {
  const pod = podSecurityContext(spec.podTemplate);
  if (hasFsGroup(pod) || !hasNonRootStep(taskSpec, pod)) return;
  const pvcs = pvcBackedBindings(spec.workspaces);
  const open = writable(taskSpec);
  for (const name of pvcs) {
    if (open.has(name)) warn(issues, entry(field('spec', 'workspaces'), name), name, 'spec.podTemplate.securityContext.fsGroup');
  }
}

/** WS-12 for a PipelineRun: each pipeline task whose Task spec `specOf` can resolve. */
export function checkPipelineRunFsGroup(spec: Obj, pipelineSpec: Obj, specOf: (pt: Obj) => Obj | undefined, issues: Issues): void {
  const pvcs = pvcBackedBindings(spec.workspaces);
  if (pvcs.size === 0) return;
  const runPod = podSecurityContext(asObj(spec.taskRunTemplate).podTemplate);
  const perTask = new Map(objs(spec.taskRunSpecs).map((t) => [str(t.pipelineTaskName) ?? '', podSecurityContext(t.podTemplate)]));
  const warned = new Set<string>();
  for (const pt of [...objs(pipelineSpec.tasks), ...objs(pipelineSpec.finally)]) {
    const pod = { ...runPod, ...(perTask.get(str(pt.name) ?? '') ?? {}) };
    const taskSpec = specOf(pt);
    if (!taskSpec || hasFsGroup(pod) || !hasNonRootStep(taskSpec, pod)) continue;
    const open = writable(taskSpec);
    for (const b of objs(pt.workspaces)) {
      const target = str(b.workspace) || str(b.name) || '';
      if (!pvcs.has(target) || !open.has(str(b.name) ?? '') || warned.has(target)) continue;
      warned.add(target);
      warn(issues, entry(field('spec', 'workspaces'), target), target, 'spec.taskRunTemplate.podTemplate.securityContext.fsGroup');
    }
  }
}

function warn(issues: Issues, path: string, name: string, where: string): void {
  issues.warn(
    'WS-12',
    path,
    `workspace "${name}" is backed by a PersistentVolumeClaim and written by a step that runs as non-root, but the run sets no fsGroup`,
    `set ${where} (e.g. 65532, the steps' group) so the volume is writable`,
    name,
  );
}
