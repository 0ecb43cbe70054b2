/**
 * The subset of a PodSpec a run may set for its pods.
 *
 * @see https://tekton.dev/docs/pipelines/podtemplates/
 */
import type { k8s } from 'cdk8s-plus-28';

/** Pod-level settings for the pods of a TaskRun (or of every TaskRun of a PipelineRun). */
export interface PodTemplate {
  /** Node labels the pods must match. @default - pods may run on any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Merged into every step and sidecar. @default - steps and sidecars keep their own environment */
  readonly env?: readonly k8s.EnvVar[];
  /** Node taints the pods tolerate. @default - pods tolerate no taints */
  readonly tolerations?: readonly k8s.Toleration[];
  /** Scheduling affinity of the pods. @default - no affinity rules */
  readonly affinity?: k8s.Affinity;
  /** Pod security context; set `fsGroup` so non-root steps can read mounted Secrets. @default - the cluster's default pod security context */
  readonly securityContext?: k8s.PodSecurityContext;
  /** Extra volumes. @default - only the Task's own volumes */
  readonly volumes?: readonly k8s.Volume[];
  /** RuntimeClass of the pods. @default - the cluster's default runtime class */
  readonly runtimeClassName?: string;
  /** Whether the service account token is mounted into the pods. @default - Kubernetes' default */
  readonly automountServiceAccountToken?: boolean;
  /** DNS policy of the pods. @default - Kubernetes' default */
  readonly dnsPolicy?: string;
  /** Extra DNS settings of the pods. @default - the cluster's DNS settings */
  readonly dnsConfig?: k8s.PodDnsConfig;
  /** Whether Service environment variables are injected into the pods. @default - Kubernetes' default */
  readonly enableServiceLinks?: boolean;
  /** PriorityClass of the pods. @default - the cluster's default priority */
  readonly priorityClassName?: string;
  /** The scheduler that places the pods. @default - the default scheduler */
  readonly schedulerName?: string;
  /** Secrets for pulling step images. @default - only the service account's image pull Secrets */
  readonly imagePullSecrets?: readonly k8s.LocalObjectReference[];
  /** Extra `/etc/hosts` entries. @default - no extra `/etc/hosts` entries */
  readonly hostAliases?: readonly k8s.HostAlias[];
  /** Run the pods in the node's network namespace. @default false */
  readonly hostNetwork?: boolean;
  /** Run the pods in the node's user namespace. @default - Kubernetes' default */
  readonly hostUsers?: boolean;
  /** How the pods spread across topology domains. @default - the scheduler's default spreading */
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
}
