/**
 * Builders of the volume that backs a workspace at run time (exactly one source per binding, WS-5).
 *
 * @see https://tekton.dev/docs/pipelines/workspaces/#specifying-volumesources-in-workspaces
 */
import { k8s } from 'cdk8s-plus-28';
import type { WorkspaceVolumeSource } from './model/workspaces.js';

/** Options of {@link WorkspaceSources.volumeClaimTemplate}. */
export interface VolumeClaimTemplateOptions {
  /** Storage request, e.g. `1Gi`. */
  readonly storage: string;
  /** Access modes. @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly string[];
  /** Storage class. @default - the cluster's default storage class */
  readonly storageClassName?: string;
}

/** Builders of {@link WorkspaceVolumeSource}. */
export const WorkspaceSources = {
  /** A scratch directory that lives as long as the TaskRun pod. */
  emptyDir(options: k8s.EmptyDirVolumeSource = {}): WorkspaceVolumeSource {
    return { emptyDir: options };
  },
  /** An existing PersistentVolumeClaim. */
  persistentVolumeClaim(claimName: string, readOnly?: boolean): WorkspaceVolumeSource {
    return { persistentVolumeClaim: { claimName, readOnly } };
  },
  /** A new PVC per run, deleted with the run. */
  volumeClaimTemplate(o: VolumeClaimTemplateOptions): WorkspaceVolumeSource {
    const storage = k8s.Quantity.fromString(o.storage);
    return {
      volumeClaimTemplate: {
        spec: {
          accessModes: [...(o.accessModes ?? ['ReadWriteOnce'])],
          resources: { requests: { storage } },
          storageClassName: o.storageClassName,
        },
      },
    };
  },
  /** A ConfigMap. */
  configMap(name: string, options: Omit<k8s.ConfigMapVolumeSource, 'name'> = {}): WorkspaceVolumeSource {
    return { configMap: { ...options, name } };
  },
  /** A Secret. */
  secret(secretName: string, options: Omit<k8s.SecretVolumeSource, 'secretName'> = {}): WorkspaceVolumeSource {
    return { secret: { ...options, secretName } };
  },
  /** A projected volume. */
  projected(source: k8s.ProjectedVolumeSource): WorkspaceVolumeSource {
    return { projected: source };
  },
  /** A CSI volume. */
  csi(source: k8s.CsiVolumeSource): WorkspaceVolumeSource {
    return { csi: source };
  },
} as const;
