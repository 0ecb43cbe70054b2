/**
 * The subset of a PodSpec a run may set for its pods.
 *
 * @see https://tekton.dev/docs/pipelines/podtemplates/
 */
import type { k8s } from 'cdk8s-plus-28';

/** Pod-level settings for the pods of a TaskRun (or of every TaskRun of a PipelineRun). */
export interface PodTemplate {
  /** @default - pods may run on any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Merged into every step and sidecar. @default - steps and sidecars keep their own environment */
  readonly env?: readonly k8s.EnvVar[];
  /** @default - pods tolerate no taints */
  readonly tolerations?: readonly k8s.Toleration[];
  /** @default - no affinity rules */
  readonly affinity?: k8s.Affinity;
  /** Pod security context; set `fsGroup` so non-root steps can read mounted Secrets. @default - the cluster's default pod security context */
  readonly securityContext?: k8s.PodSecurityContext;
  /** Extra volumes. @default - only the Task's own volumes */
  readonly volumes?: readonly k8s.Volume[];
  /** @default - the cluster's default runtime class */
  readonly runtimeClassName?: string;
  /** @default - Kubernetes' default */
  readonly automountServiceAccountToken?: boolean;
  /** @default - Kubernetes' default */
  readonly dnsPolicy?: string;
  /** @default - the cluster's DNS settings */
  readonly dnsConfig?: k8s.PodDnsConfig;
  /** @default - Kubernetes' default */
  readonly enableServiceLinks?: boolean;
  /** @default - the cluster's default priority */
  readonly priorityClassName?: string;
  /** @default - the default scheduler */
  readonly schedulerName?: string;
  /** Secrets for pulling step images. @default - only the service account's image pull Secrets */
  readonly imagePullSecrets?: readonly k8s.LocalObjectReference[];
  /** @default - no extra `/etc/hosts` entries */
  readonly hostAliases?: readonly k8s.HostAlias[];
  /** @default false */
  readonly hostNetwork?: boolean;
  /** @default - Kubernetes' default */
  readonly hostUsers?: boolean;
  /** @default - the scheduler's default spreading */
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
}
