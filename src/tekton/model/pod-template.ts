/**
 * The subset of a PodSpec a run may set for its pods.
 *
 * @see tekton-api.md §1.11
 */
import type { k8s } from 'cdk8s-plus-28';

/** Pod-level settings for the pods of a TaskRun (or of every TaskRun of a PipelineRun). */
export interface PodTemplate {
  /** Node labels the pods must match. @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Merged into every step and sidecar. @default - none */
  readonly env?: readonly k8s.EnvVar[];
  /** Node taints the pods tolerate. @default - none */
  readonly tolerations?: readonly k8s.Toleration[];
  /** Scheduling affinity of the pods. @default - none */
  readonly affinity?: k8s.Affinity;
  /** Pod security context; set `fsGroup` so non-root steps can read mounted Secrets. @default - none */
  readonly securityContext?: k8s.PodSecurityContext;
  /** Extra volumes. @default - none */
  readonly volumes?: readonly k8s.Volume[];
  /** RuntimeClass of the pods. @default - none */
  readonly runtimeClassName?: string;
  /** Whether the service account token is mounted into the pods. @default - Kubernetes' default */
  readonly automountServiceAccountToken?: boolean;
  /** DNS policy of the pods. @default - Kubernetes' default */
  readonly dnsPolicy?: string;
  /** Extra DNS settings of the pods. @default - none */
  readonly dnsConfig?: k8s.PodDnsConfig;
  /** Whether Service environment variables are injected into the pods. @default - Kubernetes' default */
  readonly enableServiceLinks?: boolean;
  /** PriorityClass of the pods. @default - none */
  readonly priorityClassName?: string;
  /** The scheduler that places the pods. @default - the default scheduler */
  readonly schedulerName?: string;
  /** Secrets for pulling step images. @default - none */
  readonly imagePullSecrets?: readonly k8s.LocalObjectReference[];
  /** Extra `/etc/hosts` entries. @default - none */
  readonly hostAliases?: readonly k8s.HostAlias[];
  /** Run the pods in the node's network namespace. @default false */
  readonly hostNetwork?: boolean;
  /** Run the pods in the node's user namespace. @default - Kubernetes' default */
  readonly hostUsers?: boolean;
  /** How the pods spread across topology domains. @default - none */
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
}
