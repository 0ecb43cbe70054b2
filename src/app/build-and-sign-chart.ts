import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { CHAINS_RESULTS } from '../shared/constants.js';
import { Pipeline, SigningKeySecret } from '../constructs/index.js';
import { BuildahTask } from '../catalog/buildah-task.js';
import { createSeedSignTask } from './seed-sign-task.js';

/** Name of the signing-key Secret the app expects in the cluster (`cosign generate-key-pair k8s://<ns>/cosign-signing-secret`). */
export const SIGNING_SECRET_NAME = 'cosign-signing-secret';

/**
 * The seed pipeline done right: `build-and-sign-app` builds and pushes an image, then signs it by digest with
 * a key referenced (never written) from the `cosign-signing-secret` Secret.
 */
export class BuildAndSignChart extends Chart {
  /** The pipeline. */
  public readonly pipeline: Pipeline;

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const signingKey = SigningKeySecret.fromSecretName(this, 'signing-key', SIGNING_SECRET_NAME);
    const buildTask = new BuildahTask(this, 'build-and-push', { metadata: { name: 'build-and-push' } });
    const signTask = createSeedSignTask(this, 'cosign-sign', { signingKey });

    const pipeline = new Pipeline(this, 'build-and-sign-app', {
      description: 'Builds and pushes an image, then signs it by digest.',
    });
    const image = pipeline.addParam('IMAGE', { description: 'Reference to push to, e.g. registry.example.com/team/app:1.2.3.' });
    const source = pipeline.addWorkspace('source', { description: 'The checked-out sources with a Dockerfile.' });
    const dockerconfig = pipeline.addWorkspace('dockerconfig', { description: 'Registry push credentials.', optional: true });

    const build = pipeline.addTask('build', {
      task: buildTask,
      params: { IMAGE: image },
      workspaces: { source, dockerconfig },
    });
    // signing by digest: the image reference is built from the build's results, never from the mutable tag.
    pipeline.addTask('sign', {
      task: signTask,
      params: { IMAGE: `${build.result(CHAINS_RESULTS.imageUrl)}@${build.result(CHAINS_RESULTS.imageDigest)}` },
      workspaces: { dockerconfig },
    });
    pipeline.addResult(CHAINS_RESULTS.imageUrl, { value: build.result(CHAINS_RESULTS.imageUrl), description: 'The pushed image.' });
    pipeline.addResult(CHAINS_RESULTS.imageDigest, { value: build.result(CHAINS_RESULTS.imageDigest), description: 'Digest of the pushed (and signed) image.' });
    this.pipeline = pipeline;
  }
}
