import type { Chart } from 'cdk8s';
import { DEFAULT_NON_ROOT_UID, SigningKeySecret, TaskRun } from '../../constructs/index.js';
import { WorkspaceSources } from '../../tekton/index.js';
import { BUILDAH_TASK_NAME, BuildahTask } from '../buildah-task.js';
import { COSIGN_SIGN_TASK_NAME, CosignSignTask } from '../cosign-sign-task.js';
import { CosignPublicKey } from '../../policies/cosign-public-key.js';
import { COSIGN_VERIFY_TASK_NAME, CosignVerifyTask } from '../cosign-verify-task.js';
import { GIT_CLONE_TASK_NAME, GitCloneTask } from '../git-clone-task.js';
import type { CatalogRegistration, CatalogTaskEntry } from './catalog-entry.js';

/** The repository the git-clone samples and test clone: public, small enough, always there. */
export const SAMPLE_REPOSITORY_URL = 'https://github.com/tektoncd/catalog.git';

/** The image reference the build samples push to (replace with yours). */
export const SAMPLE_IMAGE = 'registry.example.com/team/app:latest';

/** The image-by-digest the signing samples use (the digest is sha256 of the empty string: replace it). */
export const SAMPLE_IMAGE_BY_DIGEST = 'registry.example.com/team/app:latest@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Name of the signing-key Secret the samples reference (`signet generate-key-pair` output, created with kubectl). */
export const SAMPLE_SIGNING_SECRET = 'cosign-signing-secret';

/** Name of the registry credentials Secret the samples reference. */
export const SAMPLE_REGISTRY_SECRET = 'registry-push';

/** Pod template of runs whose steps run as uid 65532 and must write to, or read secrets from, volumes. */
export const NON_ROOT_POD_TEMPLATE = { securityContext: { fsGroup: DEFAULT_NON_ROOT_UID } } as const;

/** The catalog's Task entries, in the order the registry (`src/patterns/catalog-contents.ts`) lists them. */
export const CATALOG_TASKS: readonly CatalogRegistration[] = [
  { kind: 'task', name: GIT_CLONE_TASK_NAME, build: gitCloneEntry },
  { kind: 'task', name: BUILDAH_TASK_NAME, build: buildahEntry },
  { kind: 'task', name: COSIGN_SIGN_TASK_NAME, build: cosignSignEntry },
  { kind: 'task', name: COSIGN_VERIFY_TASK_NAME, build: cosignVerifyEntry },
];

const KEY_NOTE =
  'The key pair comes from a Secret in cosign\'s layout (`cosign.key`, `cosign.password`, `cosign.pub`): create it from `signet generate-key-pair` output with `kubectl create secret generic cosign-signing-secret --from-file=cosign.key --from-file=cosign.pub --from-file=cosign.password`, or let signet emit an ExternalSecret or SealedSecret (docs/gitops.md).';

/** The registry credentials Secret as a `dockerconfig` workspace (`.dockerconfigjson` mounted as `config.json`). */
const DOCKERCONFIG_WORKSPACE_SOURCE = () => WorkspaceSources.secret(SAMPLE_REGISTRY_SECRET, { items: [{ key: '.dockerconfigjson', path: 'config.json' }] });

type RunMetadata = { name?: string; generateName?: string };

/** A run of a signer task (sign or verify) on the sample image, with registry credentials and the non-root pod template. */
function signerTaskRun(chart: Chart, id: string, task: CosignSignTask | CosignVerifyTask, metadata: RunMetadata): TaskRun {
  return new TaskRun(chart, id, {
    metadata,
    task,
    params: { IMAGE: SAMPLE_IMAGE_BY_DIGEST },
    workspaces: { dockerconfig: DOCKERCONFIG_WORKSPACE_SOURCE() },
    podTemplate: NON_ROOT_POD_TEMPLATE,
  });
}

function cosignSignEntry(chart: Chart): CatalogTaskEntry {
  const task = new CosignSignTask(chart, 'cosign-sign', { signingKey: SigningKeySecret.fromSecretName(chart, 'key', SAMPLE_SIGNING_SECRET) });
  return {
    task,
    samples: { 'sign-by-digest': signerTaskRun(chart, 'sample', task, { generateName: 'cosign-sign-run-' }) },
    testRun: signerTaskRun(chart, 'test', task, { name: 'cosign-sign-test-run' }),
    notes: [
      KEY_NOTE,
      'The signer runs as uid 65532 and the key files are mounted mode 0400, so give the run `podTemplate.securityContext.fsGroup: 65532`.',
    ],
  };
}

function cosignVerifyEntry(chart: Chart): CatalogTaskEntry {
  const key = SigningKeySecret.fromSecretName(chart, 'key', SAMPLE_SIGNING_SECRET);
  const task = new CosignVerifyTask(chart, 'cosign-verify', { publicKey: CosignPublicKey.fromSigningKeySecret(key) });
  return {
    task,
    samples: { 'verify-by-digest': signerTaskRun(chart, 'sample', task, { generateName: 'cosign-verify-run-' }) },
    testRun: signerTaskRun(chart, 'test', task, { name: 'cosign-verify-test-run' }),
    notes: ['Only the `cosign.pub` entry of the signing-key Secret is mounted; the private key never enters the pod.'],
  };
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
      dockerconfig: DOCKERCONFIG_WORKSPACE_SOURCE(),
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
      'The default builder image is the `quay.io/buildah/stable` multi-architecture index, pinned by a digest taken from public pin lists (the build machine cannot reach quay.io): confirm it with `crane digest quay.io/buildah/stable:v1`, and set `builderImage` on the construct to track a newer build.',
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
