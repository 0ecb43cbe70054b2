import { App, Chart } from 'cdk8s';
import {
  type CatalogContents,
  type CatalogPipelineEntry,
  catalogTaskEntries,
  SAMPLE_IMAGE,
  SAMPLE_REPOSITORY_URL,
  SAMPLE_SIGNING_SECRET,
  SAMPLE_REGISTRY_SECRET,
} from '../catalog/generate/index.js';
import { RegistryCredentialsSecret, SigningKeySecret } from '../constructs/index.js';
import { BUILD_AND_SIGN_PARAMS, BuildAndSignPipeline } from './build-and-sign-pipeline.js';

/**
 * Everything signet's catalog ships, built from the constructs: the tasks (git-clone, buildah, cosign-sign,
 * cosign-verify) and the build-and-sign pipeline, each with its sample and test runs.
 *
 * `npm run catalog` renders it into `catalog/`; the drift test renders it again and compares.
 */
export function catalogContents(): CatalogContents {
  const app = new App({ outdir: 'unused' });
  return { tasks: catalogTaskEntries(app), pipelines: [buildAndSignEntry(new Chart(app, 'build-and-sign'))] };
}

function buildAndSignEntry(chart: Chart): CatalogPipelineEntry {
  // no repository or image defaults: the catalog pipeline is generic, runs pass both
  const bas = new BuildAndSignPipeline(chart, 'build-and-sign', {
    signingKey: SigningKeySecret.fromSecretName(chart, 'key', SAMPLE_SIGNING_SECRET),
    registryCredentials: RegistryCredentialsSecret.fromSecretName(chart, 'push', SAMPLE_REGISTRY_SECRET),
  });
  const params = { [BUILD_AND_SIGN_PARAMS.gitUrl]: SAMPLE_REPOSITORY_URL, [BUILD_AND_SIGN_PARAMS.image]: SAMPLE_IMAGE };
  return {
    pipeline: bas.pipeline,
    catalog: bas.catalog,
    tasks: [bas.gitCloneTask, bas.buildahTask, bas.signTask, bas.verifyTask],
    samples: { 'build-and-sign-run': bas.addSampleRun('sample', { params }) },
    testRun: bas.addSampleRun('test', { params, metadata: { name: 'build-and-sign-test-run' } }),
    notes: [
      'The run binds `source` to a fresh volume per run (volumeClaimTemplate) and `dockerconfig` to the registry credentials Secret, and sets `podTemplate.securityContext.fsGroup: 65532` so the non-root clone and signer steps can write the volume and read the key files.',
      'The signing-key Secret (`cosign-signing-secret` here) is referenced, never written: see docs/gitops.md for the ways to create it.',
    ],
  };
}
