import { type App, Chart } from 'cdk8s';
import { DEFAULT_NON_ROOT_UID, TaskRun } from '../../constructs/index.js';
import { WorkspaceSources } from '../../tekton/index.js';
import { BuildahTask } from '../buildah-task.js';
import { GitCloneTask } from '../git-clone-task.js';
import type { CatalogTaskEntry } from './catalog-entry.js';

/** The repository the git-clone samples and test clone: public, small enough, always there. */
export const SAMPLE_REPOSITORY_URL = 'https://github.com/tektoncd/catalog.git';

/** The image reference the build samples push to (replace with yours). */
export const SAMPLE_IMAGE = 'registry.example.com/team/app:latest';

/** Pod template of runs whose steps run as uid 65532 and must write to, or read secrets from, volumes. */
export const NON_ROOT_POD_TEMPLATE = { securityContext: { fsGroup: DEFAULT_NON_ROOT_UID } } as const;

/** The git-clone and buildah catalog entries, each in its own chart of `app`. */
export function coreTaskEntries(app: App): CatalogTaskEntry[] {
  return [gitCloneEntry(new Chart(app, 'git-clone')), buildahEntry(new Chart(app, 'buildah'))];
}

function gitCloneEntry(chart: Chart): CatalogTaskEntry {
  const task = new GitCloneTask(chart, 'git-clone');
  const sample = new TaskRun(chart, 'sample', {
    metadata: { generateName: 'git-clone-run-' },
    task,
    params: { url: SAMPLE_REPOSITORY_URL, revision: 'main' },
    workspaces: { output: WorkspaceSources.volumeClaimTemplate({ storage: '1Gi' }) },
    podTemplate: NON_ROOT_POD_TEMPLATE,
  });
  const test = new TaskRun(chart, 'test', {
    metadata: { name: 'git-clone-test-run' },
    task,
    params: { url: SAMPLE_REPOSITORY_URL, revision: 'main', depth: '1' },
    workspaces: { output: WorkspaceSources.emptyDir() },
    podTemplate: NON_ROOT_POD_TEMPLATE,
  });
  return {
    task,
    samples: { 'clone-a-branch': sample },
    testRun: test,
    notes: [
      'The step runs as uid 65532, so give the run `podTemplate.securityContext.fsGroup: 65532`: the volume behind `output` is then writable for it.',
    ],
  };
}

function buildahEntry(chart: Chart): CatalogTaskEntry {
  const task = new BuildahTask(chart, 'buildah');
  const sample = new TaskRun(chart, 'sample', {
    metadata: { generateName: 'buildah-run-' },
    task,
    params: { IMAGE: SAMPLE_IMAGE },
    workspaces: {
      source: WorkspaceSources.persistentVolumeClaim('app-source'),
      dockerconfig: WorkspaceSources.secret('registry-push', { items: [{ key: '.dockerconfigjson', path: 'config.json' }] }),
    },
  });
  const test = new TaskRun(chart, 'test', {
    metadata: { name: 'buildah-test-run' },
    task,
    params: { IMAGE: 'localhost:5000/buildah-test:latest', TLSVERIFY: 'false' },
    workspaces: { source: WorkspaceSources.configMap('buildah-test-source') },
  });
  return {
    task,
    samples: { 'build-and-push': sample },
    testRun: test,
    testFiles: {
      'resources.yaml': BUILDAH_TEST_RESOURCES,
      // catalog CI's helper: adds a registry sidecar on localhost:5000 to the task before it is applied.
      'pre-apply-task-hook.sh': '#!/bin/bash\nadd_sidecar_registry ${TMPF}\n',
    },
    notes: [
      'Bind `dockerconfig` to a `kubernetes.io/dockerconfigjson` Secret with the item `.dockerconfigjson` mapped to `config.json`.',
      'The default builder image digest is a placeholder (the build machine cannot reach quay.io): set `builderImage` on the construct, or edit the YAML, to a digest of `quay.io/buildah/stable:v1` you resolved with `crane digest`.',
    ],
  };
}

/** A ConfigMap holding the smallest Dockerfile that builds, for `tests/`. */
const BUILDAH_TEST_RESOURCES = `apiVersion: v1
kind: ConfigMap
metadata:
  name: buildah-test-source
data:
  Dockerfile: |
    FROM scratch
    COPY Dockerfile /Dockerfile
`;
