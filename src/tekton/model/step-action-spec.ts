/**
 * StepActionSpec (`tekton.dev/v1beta1`).
 *
 * @see https://tekton.dev/docs/pipelines/stepactions/
 */
import type { k8s } from 'cdk8s-plus-28';
import type { ParamSpec } from './params.js';
import type { StepResultSpec } from './results.js';

/** The spec of a StepAction: a reusable step. */
export interface StepActionSpec {
  /** What it does, in a sentence or two. @default - no description */
  readonly description?: string;
  /** Image, pinned by digest. */
  readonly image: string;
  /** Not together with script. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments to the entrypoint. @default - the image's default arguments */
  readonly args?: readonly string[];
  /** Environment variables. @default - no extra environment variables */
  readonly env?: readonly k8s.EnvVar[];
  /** No `$(params.*)` allowed in it (SA-3). @default - no script: `command` or the image's entrypoint runs */
  readonly script?: string;
  /** Working directory of the step. @default - the image's working directory */
  readonly workingDir?: string;
  /** Params the StepAction declares. @default - the StepAction takes no params */
  readonly params?: readonly ParamSpec[];
  /** Results the StepAction writes. @default - the StepAction reports no results */
  readonly results?: readonly StepResultSpec[];
  /** Wins over the Task step's. @default - the referencing step's security context */
  readonly securityContext?: k8s.SecurityContext;
  /** Each name must be a single `$(params.x)` reference; the Task supplies the volume. @default - no volumes mounted */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}
