/**
 * Workspace declarations and bindings: WS-1 to WS-6 (cross-object WS-7 to WS-10 live in cross-refs.ts).
 */
import { posix } from 'node:path';
import { duplicates, entry, field, has, isObj, objs, str, type Issues, type Obj } from './_model.js';

/** The path a Task workspace is mounted at, cleaned like Go's `filepath.Clean`. */
function workspaceMountPath(ws: Obj): string {
  const explicit = str(ws.mountPath);
  return cleanPath(explicit !== undefined && explicit !== '' ? explicit : `/workspace/${str(ws.name) ?? ''}`);
}

/** Cleans a POSIX path (`/a/b/../c/` becomes `/a/c`). */
function cleanPath(p: string): string {
  const cleaned = posix.normalize(p);
  return cleaned.length > 1 && cleaned.endsWith('/') ? cleaned.slice(0, -1) : cleaned;
}

/** WS-1 and WS-2: a TaskSpec's workspace declarations. */
export function validateTaskWorkspaces(spec: Obj, path: string, issues: Issues): void {
  const list = objs(spec.workspaces);
  const wsPath = field(path, 'workspaces');
  for (const dup of duplicates(list.map((w) => str(w.name) ?? ''))) {
    issues.error('WS-1', entry(wsPath, dup), `workspace "${dup}" is declared more than once`, 'give every workspace a distinct name', dup);
  }
  const mounts = new Map<string, string>();
  list.forEach((ws, i) => {
    const mountPath = workspaceMountPath(ws);
    const other = mounts.get(mountPath);
    if (other !== undefined) {
      issues.error('WS-2', field(entry(wsPath, str(ws.name) || i), 'mountPath'), `workspace mount path ${mountPath} is also used by workspace "${other}"`, 'give each workspace its own mountPath', mountPath);
    } else {
      mounts.set(mountPath, str(ws.name) ?? String(i));
    }
  });
  const containers: Array<[string, Obj]> = objs(spec.steps).map((s, i) => [entry(field(path, 'steps'), i), s]);
  if (isObj(spec.stepTemplate)) containers.push([field(path, 'stepTemplate'), spec.stepTemplate]);
  for (const [containerPath, container] of containers) {
    objs(container.volumeMounts).forEach((vm, j) => {
      const mountPath = str(vm.mountPath);
      if (mountPath === undefined) return;
      const ws = mounts.get(cleanPath(mountPath));
      if (ws !== undefined) {
        issues.error('WS-2', field(entry(field(containerPath, 'volumeMounts'), j), 'mountPath'), `volume mount path ${mountPath} clashes with workspace "${ws}"`, 'mount the volume elsewhere or change the workspace mountPath', mountPath);
      }
    });
  }
}

/** WS-3: a PipelineSpec's workspace declarations. */
export function validatePipelineWorkspaces(list: unknown, path: string, issues: Issues): void {
  const decls = objs(list);
  decls.forEach((ws, i) => {
    if ((str(ws.name) ?? '') === '') issues.error('WS-3', field(entry(path, i), 'name'), 'pipeline workspace name is empty', 'give the workspace a name');
  });
  for (const dup of duplicates(decls.map((w) => str(w.name) ?? '').filter((n) => n !== ''))) {
    issues.error('WS-3', entry(path, dup), `pipeline workspace "${dup}" is declared more than once`, 'give every workspace a distinct name', dup);
  }
}

const SOURCES = ['emptyDir', 'persistentVolumeClaim', 'volumeClaimTemplate', 'configMap', 'secret', 'projected', 'csi'] as const;

/** WS-5 and WS-6: run-level workspace bindings. */
export function validateBindings(list: unknown, path: string, issues: Issues): void {
  const bindings = objs(list);
  bindings.forEach((b, i) => {
    const p = entry(path, str(b.name) || i);
    const present = SOURCES.filter((s) => has(b, s));
    if (present.length !== 1) {
      issues.error(
        'WS-5',
        p,
        present.length === 0 ? 'workspace binding has no volume source' : `workspace binding has more than one volume source: ${present.join(', ')}`,
        `set exactly one of ${SOURCES.join(', ')}`,
        present,
      );
    }
    const need = (source: string, key: string): void => {
      const v = b[source];
      if (isObj(v) && (str(v[key]) ?? '') === '') {
        issues.error('WS-5', field(field(p, source), key), `${source} binding needs ${key}`, `set ${source}.${key}`);
      }
    };
    need('persistentVolumeClaim', 'claimName');
    need('configMap', 'name');
    need('secret', 'secretName');
    need('csi', 'driver');
    if (isObj(b.projected) && objs(b.projected.sources).length === 0) {
      issues.error('WS-5', field(field(p, 'projected'), 'sources'), 'projected binding needs at least one source', 'add a source to projected.sources');
    }
  });
  for (const dup of duplicates(bindings.map((b) => str(b.name) ?? ''))) {
    issues.error('WS-6', entry(path, dup), `workspace "${dup}" is bound more than once`, 'bind each workspace once', dup);
  }
}

/** Names of the PVC-backed bindings (persistentVolumeClaim or volumeClaimTemplate), for WS-10. */
export function pvcBindings(list: unknown): Set<string> {
  return new Set(objs(list).filter((b) => has(b, 'persistentVolumeClaim') || has(b, 'volumeClaimTemplate')).map((b) => str(b.name) ?? ''));
}

/** Names of bindings backed by a Secret or ConfigMap, for WS-11. */
export function readOnlySourceBindings(list: unknown): Set<string> {
  return new Set(objs(list).filter((b) => has(b, 'secret') || has(b, 'configMap')).map((b) => str(b.name) ?? ''));
}
