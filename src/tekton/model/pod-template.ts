/**
 * The subset of a PodSpec a run may set for its pods.
 *
 * @see tekton-api.md §1.11
 */
import type { k8s } from 'cdk8s-plus-28';

/** Pod-level settings for the pods of a TaskRun (or of every TaskRun of a PipelineRun). */
export interface PodTemplate {
  /** @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Merged into every step and sidecar. @default - none */
  readonly env?: readonly k8s.EnvVar[];
  /** @default - none */
  readonly tolerations?: readonly k8s.Toleration[];
  /** @default - none */
  readonly affinity?: k8s.Affinity;
  /** Pod security context; set `fsGroup` so non-root steps can read mounted Secrets. @default - none */
  readonly securityContext?: k8s.PodSecurityContext;
  /** Extra volumes. @default - none */
  readonly volumes?: readonly k8s.Volume[];
  /** @default - none */
  readonly runtimeClassName?: string;
  /** @default - Kubernetes' default */
  readonly automountServiceAccountToken?: boolean;
  /** @default - Kubernetes' default */
  readonly dnsPolicy?: string;
  /** @default - none */
  readonly dnsConfig?: k8s.PodDnsConfig;
  /** @default - Kubernetes' default */
  readonly enableServiceLinks?: boolean;
  /** @default - none */
  readonly priorityClassName?: string;
  /** @default - the default scheduler */
  readonly schedulerName?: string;
  /** Secrets for pulling step images. @default - none */
  readonly imagePullSecrets?: readonly k8s.LocalObjectReference[];
  /** @default - none */
  readonly hostAliases?: readonly k8s.HostAlias[];
  /** @default false */
  readonly hostNetwork?: boolean;
  /** @default - Kubernetes' default */
  readonly hostUsers?: boolean;
  /** @default - none */
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
}
