/**
 * StepActionSpec (`tekton.dev/v1beta1`).
 *
 * @see tekton-api.md §3
 */
import type { k8s } from 'cdk8s-plus-28';
import type { ParamSpec } from './params.js';
import type { StepResultSpec } from './results.js';

/** The spec of a StepAction: a reusable step. */
export interface StepActionSpec {
  /** What it does, in a sentence or two. @default - none */
  readonly description?: string;
  /** Image, pinned by digest. */
  readonly image: string;
  /** Not together with script. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments to the entrypoint. @default - none */
  readonly args?: readonly string[];
  /** Environment variables. @default - none */
  readonly env?: readonly k8s.EnvVar[];
  /** No `$(params.*)` allowed in it (SA-3). @default - none */
  readonly script?: string;
  /** Working directory of the step. @default - the image's working directory */
  readonly workingDir?: string;
  /** Params the StepAction declares. @default - none */
  readonly params?: readonly ParamSpec[];
  /** Results the StepAction writes. @default - none */
  readonly results?: readonly StepResultSpec[];
  /** Wins over the Task step's. @default - none */
  readonly securityContext?: k8s.SecurityContext;
  /** Each name must be a single `$(params.x)` reference; the Task supplies the volume. @default - none */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}
