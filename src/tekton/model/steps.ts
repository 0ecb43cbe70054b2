/**
 * Steps, the step template and sidecars. Kubernetes core types come from cdk8s-plus-28's `k8s` L1 structs;
 * the renderer turns them into plain JSON with the matching `toJson_*` helpers.
 *
 * @see tekton-api.md §2.2 to §2.4
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
  /** Image, pinned by digest (`repo@sha256:…` or `repo:tag@sha256:…`). @default - none */
  readonly image?: string;
  /** Entrypoint; cannot be combined with `script`. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments (also passed to a `script`). @default - none */
  readonly args?: readonly string[];
  /** Working directory. @default - the image's working directory */
  readonly workingDir?: string;
  /** Environment variables; the way params reach scripts. @default - none */
  readonly env?: readonly k8s.EnvVar[];
  /** Environment from ConfigMaps or Secrets. @default - none */
  readonly envFrom?: readonly k8s.EnvFromSource[];
  /** CPU and memory requests and limits (`resources` in v1beta1). @default - none */
  readonly computeResources?: k8s.ResourceRequirements;
  /** Volume mounts. @default - none */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  /** Raw block devices. @default - none */
  readonly volumeDevices?: readonly k8s.VolumeDevice[];
  /** Image pull policy. @default - Kubernetes' default for the image reference */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Container security context. @default - none at this level */
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
  /** Name shown in UIs. @default - none */
  readonly displayName?: string;
  /** Inline script; cannot be combined with `command`. Never interpolate `$(params.x)` here: use `env`. @default - none */
  readonly script?: string;
  /** Go duration such as `5m`. @default - no step timeout */
  readonly timeout?: string;
  /** What happens when the step fails. @default 'stopAndFail' */
  readonly onError?: OnError;
  /** Copy stdout to a file (alpha). @default - none */
  readonly stdoutConfig?: StepOutputConfig;
  /** Copy stderr to a file (alpha). @default - none */
  readonly stderrConfig?: StepOutputConfig;
  /** Task workspaces mounted only into this step (beta). @default - none */
  readonly workspaces?: readonly WorkspaceUsage[];
  /** Runs a StepAction instead of an image; forbids image, command, args, script, workingDir, env, volumeMounts and results. @default - none */
  readonly ref?: StepActionRef;
  /** Params for the StepAction (only with `ref`). @default - none */
  readonly params?: readonly Param[];
  /** Step results (not with `ref`). @default - none */
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
  /** Inline script; cannot be combined with `command`. @default - none */
  readonly script?: string;
  /** Ports. @default - none */
  readonly ports?: readonly k8s.ContainerPort[];
  /** Kubernetes liveness probe. @default - none */
  readonly livenessProbe?: k8s.Probe;
  /** Kubernetes readiness probe. @default - none */
  readonly readinessProbe?: k8s.Probe;
  /** Kubernetes startup probe. @default - none */
  readonly startupProbe?: k8s.Probe;
  /** Container lifecycle hooks. @default - none */
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
  /** Task workspaces mounted into this sidecar (beta). @default - none */
  readonly workspaces?: readonly WorkspaceUsage[];
  /** `Always` makes it a native Kubernetes sidecar (`enable-kubernetes-sidecar`). @default - a regular container */
  readonly restartPolicy?: 'Always';
}
