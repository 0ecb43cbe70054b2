import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { RegistryCredentialsSecret, SigningKeySecret } from '../constructs/index.js';
import { BuildAndSignPipeline } from '../patterns/index.js';
import { SIGNING_SECRET_NAME } from './build-and-sign-chart.js';

/** The repository the app's pipeline pushes to and its admission policies cover. */
export const APP_IMAGE_REPOSITORY = 'registry.example.com/signet/app';

/** The Git repository the app's pipeline builds by default. */
export const APP_GIT_URL = 'https://github.com/example/app.git';

/** Name of the registry credentials Secret (`kubectl create secret docker-registry registry-push ...`). */
export const REGISTRY_SECRET_NAME = 'registry-push';

/**
 * Prefix of the app pipeline's object names. Why: the seed chart already defines a Task `cosign-sign`, and the
 * manifests of all charts are applied to one namespace.
 */
export const APP_NAME_PREFIX = 'app-';

/**
 * The full pipeline done with one construct: {@link BuildAndSignPipeline} (clone, build and push, sign by
 * digest, verify) with the signing key and the push credentials referenced from Secrets in the cluster.
 * No PipelineRun is written: GitOps tools re-apply manifests, and a run is created per build (see the catalog
 * sample), not synced.
 */
export class SignedBuildChart extends Chart {
  /** The pipeline construct, e.g. for `addAdmissionPolicies()`. */
  public readonly buildAndSign: BuildAndSignPipeline;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.buildAndSign = new BuildAndSignPipeline(this, 'build-and-sign', {
      namePrefix: APP_NAME_PREFIX,
      repositoryUrl: APP_GIT_URL,
      image: `${APP_IMAGE_REPOSITORY}:latest`,
      signingKey: SigningKeySecret.fromSecretName(this, 'signing-key', SIGNING_SECRET_NAME),
      registryCredentials: RegistryCredentialsSecret.fromSecretName(this, 'registry-push', REGISTRY_SECRET_NAME),
    });
  }
}
