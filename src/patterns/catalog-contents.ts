import { App, Chart } from 'cdk8s';
import {
  CATALOG_TASKS,
  type CatalogContents,
  type CatalogPipelineEntry,
  type CatalogRegistration,
  type CatalogTaskEntry,
  SAMPLE_IMAGE,
  SAMPLE_REPOSITORY_URL,
  SAMPLE_SIGNING_SECRET,
  SAMPLE_REGISTRY_SECRET,
} from '../catalog/generate/index.js';
import { RegistryCredentialsSecret, SigningKeySecret } from '../constructs/index.js';
import { BUILD_AND_SIGN_PARAMS, BUILD_AND_SIGN_PIPELINE_NAME, BuildAndSignPipeline } from './build-and-sign-pipeline.js';

/**
 * The catalog registry: every task and pipeline signet's catalog ships, in the order the catalog lists them.
 * To add a resource, write its entry builder (tasks: `src/catalog/generate/task-entries.ts`) and register it here.
 */
export const CATALOG_REGISTRY: readonly CatalogRegistration[] = [
  ...CATALOG_TASKS,
  { kind: 'pipeline', name: BUILD_AND_SIGN_PIPELINE_NAME, build: buildAndSignEntry },
];

/**
 * Everything signet's catalog ships, built from the constructs: each registered task and pipeline in a chart of
 * its own, with its sample and test runs.
 *
 * `npm run catalog` renders it into `catalog/`; the drift test renders it again and compares.
 */
export function catalogContents(registry: readonly CatalogRegistration[] = CATALOG_REGISTRY): CatalogContents {
  const app = new App({ outdir: 'unused' });
  const tasks: CatalogTaskEntry[] = [];
  const pipelines: CatalogPipelineEntry[] = [];
  for (const resource of registry) {
    const chart = new Chart(app, resource.name);
    if (resource.kind === 'task') tasks.push(resource.build(chart));
    else pipelines.push(resource.build(chart));
  }
  return { tasks, pipelines };
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
