/**
 * Steps, the step template and sidecars. Kubernetes core types come from cdk8s-plus-28's `k8s` L1 structs;
 * the renderer turns them into plain JSON with the matching `toJson_*` helpers.
 *
 * @see https://tekton.dev/docs/pipelines/tasks/#defining-steps
 */
import type { k8s } from 'cdk8s-plus-28';
import type { Param } from './params.js';
import type { StepActionRef } from './refs.js';
import type { StepResultSpec } from './results.js';
import type { WhenExpression } from './when.js';
import type { WorkspaceUsage } from './workspaces.js';

/** Kubernetes image pull policies. */
export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** What a step does when it fails. */
export type OnError = 'continue' | 'stopAndFail';

/** Container fields shared by steps, the step template and sidecars. */
export interface ContainerFields {
  /** Image, pinned by digest (`repo@sha256:…` or `repo:tag@sha256:…`). @default - not set (only a step with `ref`, or a step template, leaves it out) */
  readonly image?: string;
  /** Entrypoint; cannot be combined with `script`. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments (also passed to a `script`). @default - the image's default arguments */
  readonly args?: readonly string[];
  /** Working directory. @default - the image's working directory */
  readonly workingDir?: string;
  /** Environment variables; the way params reach scripts. @default - no extra environment variables */
  readonly env?: readonly k8s.EnvVar[];
  /** Environment from ConfigMaps or Secrets. @default - no environment from ConfigMaps or Secrets */
  readonly envFrom?: readonly k8s.EnvFromSource[];
  /** CPU and memory requests and limits (`resources` in v1beta1). @default - no requests or limits: the namespace's LimitRange, if any, applies */
  readonly computeResources?: k8s.ResourceRequirements;
  /** Volume mounts. @default - only the volumes Tekton mounts itself */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  /** Raw block devices. @default - no block devices */
  readonly volumeDevices?: readonly k8s.VolumeDevice[];
  /** Image pull policy. @default - Kubernetes' default for the image reference */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Container security context. @default - not set here: the step template's, else the runtime's defaults */
  readonly securityContext?: k8s.SecurityContext;
}

/** Defaults merged into every step of a Task (v1 has no `name` here). */
export type StepTemplate = ContainerFields;

/** Copies a stream of a step to a file (alpha). */
export interface StepOutputConfig {
  /** File path. */
  readonly path: string;
}

/** One step of a Task. */
export interface Step extends ContainerFields {
  /** Step name: a DNS-1123 label, unique within the Task. */
  readonly name: string;
  /** Name shown in UIs. @default - UIs show the step name */
  readonly displayName?: string;
  /** Inline script; cannot be combined with `command`. Never interpolate `$(params.x)` here: use `env`. @default - no script: `command` or the image's entrypoint runs */
  readonly script?: string;
  /** Go duration such as `5m`. @default - no step timeout */
  readonly timeout?: string;
  /** What happens when the step fails. @default 'stopAndFail' */
  readonly onError?: OnError;
  /** Copy stdout to a file (alpha). @default - stdout goes only to the container log */
  readonly stdoutConfig?: StepOutputConfig;
  /** Copy stderr to a file (alpha). @default - stderr goes only to the container log */
  readonly stderrConfig?: StepOutputConfig;
  /** Task workspaces mounted only into this step (beta). @default - every Task workspace is mounted into every step */
  readonly workspaces?: readonly WorkspaceUsage[];
  /** Runs a StepAction instead of an image; forbids image, command, args, script, workingDir, env, volumeMounts and results. @default - the step runs its own image */
  readonly ref?: StepActionRef;
  /** Params for the StepAction (only with `ref`). @default - no params: the StepAction's defaults apply */
  readonly params?: readonly Param[];
  /** Step results (not with `ref`). @default - the step reports no results */
  readonly results?: readonly StepResultSpec[];
  /** Guards for this step. @default - always runs */
  readonly when?: readonly WhenExpression[];
}

/** A sidecar container that runs beside the steps. */
export interface Sidecar extends ContainerFields {
  /** Sidecar name; not `tekton-log-results`. */
  readonly name: string;
  /** Image, pinned by digest. */
  readonly image: string;
  /** Inline script; cannot be combined with `command`. @default - no script: `command` or the image's entrypoint runs */
  readonly script?: string;
  /** Ports. @default - no ports declared */
  readonly ports?: readonly k8s.ContainerPort[];
  /** Kubernetes liveness probe. @default - no liveness probe */
  readonly livenessProbe?: k8s.Probe;
  /** Kubernetes readiness probe. @default - no readiness probe: the sidecar counts as ready once started */
  readonly readinessProbe?: k8s.Probe;
  /** Kubernetes startup probe. @default - no startup probe */
  readonly startupProbe?: k8s.Probe;
  /** Container lifecycle hooks. @default - no lifecycle hooks */
  readonly lifecycle?: k8s.Lifecycle;
  /** Where the container writes its termination message. @default - Kubernetes' default */
  readonly terminationMessagePath?: string;
  /** How the termination message is read. @default - Kubernetes' default */
  readonly terminationMessagePolicy?: 'File' | 'FallbackToLogsOnError';
  /** Keep stdin open. @default false */
  readonly stdin?: boolean;
  /** Close stdin after the first attach ends. @default false */
  readonly stdinOnce?: boolean;
  /** Allocate a TTY. @default false */
  readonly tty?: boolean;
  /** Task workspaces mounted into this sidecar (beta). @default - every Task workspace is mounted into the sidecar */
  readonly workspaces?: readonly WorkspaceUsage[];
  /** `Always` makes it a native Kubernetes sidecar (`enable-kubernetes-sidecar`). @default - a regular container */
  readonly restartPolicy?: 'Always';
}
