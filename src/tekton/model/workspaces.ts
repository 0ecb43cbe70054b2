/**
 * Workspace declarations, pipeline bindings and run-time bindings.
 *
 * @see https://tekton.dev/docs/pipelines/workspaces/
 */
import type { k8s } from 'cdk8s-plus-28';

/** A workspace a Task declares. */
export interface WorkspaceDeclaration {
  /** Workspace name. */
  readonly name: string;
  /**
   * What the Task expects in it.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Where the workspace is mounted in every step.
   * @default - `/workspace/<name>`
   */
  readonly mountPath?: string;
  /**
   * Mount it read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * The run may leave it unbound.
   * @default false
   */
  readonly optional?: boolean;
}

/** A workspace a Pipeline declares. */
export interface PipelineWorkspaceDeclaration {
  /** Workspace name. */
  readonly name: string;
  /**
   * What the Pipeline expects in it.
   * @default - no description
   */
  readonly description?: string;
  /**
   * The run may leave it unbound.
   * @default false
   */
  readonly optional?: boolean;
}

/** Passes a Pipeline workspace to a pipeline task's Task workspace. */
export interface WorkspacePipelineTaskBinding {
  /** The Task's workspace name. */
  readonly name: string;
  /**
   * The Pipeline's workspace name.
   * @default - the same as `name`
   */
  readonly workspace?: string;
  /**
   * Sub-directory of the Pipeline workspace to pass.
   * @default - the whole workspace
   */
  readonly subPath?: string;
}

/** A PVC the controller creates for each run (`volumeClaimTemplate`). */
export interface VolumeClaimTemplate {
  /**
   * Metadata of the created claim.
   * @default - the claim gets a generated name and no labels
   */
  readonly metadata?: k8s.ObjectMeta;
  /** The claim spec (access modes, storage request, storage class). */
  readonly spec: k8s.PersistentVolumeClaimSpec;
}

/** Exactly one volume source backing a workspace at run time (WS-5). */
export interface WorkspaceVolumeSource {
  /** A scratch directory that lives as long as the TaskRun pod. @default - not this source */
  readonly emptyDir?: k8s.EmptyDirVolumeSource;
  /** An existing PVC. @default - not this source */
  readonly persistentVolumeClaim?: k8s.PersistentVolumeClaimVolumeSource;
  /** One new PVC per run. @default - not this source */
  readonly volumeClaimTemplate?: VolumeClaimTemplate;
  /** A ConfigMap. @default - not this source */
  readonly configMap?: k8s.ConfigMapVolumeSource;
  /** A Secret. @default - not this source */
  readonly secret?: k8s.SecretVolumeSource;
  /** A projected volume. @default - not this source */
  readonly projected?: k8s.ProjectedVolumeSource;
  /** A CSI volume. @default - not this source */
  readonly csi?: k8s.CsiVolumeSource;
}

/** Binds a declared workspace to a volume in a TaskRun or PipelineRun. */
export interface WorkspaceBinding extends WorkspaceVolumeSource {
  /** The declared workspace name. */
  readonly name: string;
  /**
   * Sub-directory of the volume to use.
   * @default - the whole volume
   */
  readonly subPath?: string;
}

/** Mounts a declared Task workspace into one step or sidecar only (beta "isolated workspaces"). */
export interface WorkspaceUsage {
  /** The declared Task workspace name. */
  readonly name: string;
  /** Where to mount it in this container. */
  readonly mountPath: string;
}
