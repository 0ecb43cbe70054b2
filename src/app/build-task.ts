import type { Construct } from 'constructs';
import { CHAINS_RESULTS } from '../shared/constants.js';
import { Task } from '../constructs/index.js';
import { BUILDAH_IMAGE_PLACEHOLDER } from './images.js';

/**
 * The build-and-push Task of the app: buildah builds the Dockerfile in the `source` workspace, pushes it to
 * `IMAGE`, and writes the Chains type-hint results `IMAGE_URL` (the pushed reference, as given in `IMAGE`) and
 * `IMAGE_DIGEST` (`sha256:<hex>` of the pushed manifest).
 *
 * Kept deliberately small; the catalog's buildah task replaces it later.
 */
export function createBuildTask(scope: Construct, id: string): Task {
  const task = new Task(scope, id, {
    description: 'Builds a container image from a Dockerfile with buildah and pushes it, emitting IMAGE_URL and IMAGE_DIGEST for signing.',
  });
  const image = task.addParam('IMAGE', { description: 'Reference to push to, e.g. registry.example.com/team/app:1.2.3.' });
  const dockerfile = task.addParam('DOCKERFILE', { description: 'Path of the Dockerfile, relative to the context.', default: './Dockerfile' });
  const context = task.addParam('CONTEXT', { description: 'Build context, relative to the source workspace.', default: '.' });
  const tlsVerify = task.addParam('TLS_VERIFY', { description: 'Verify the registry TLS certificate: true or false.', default: 'true' });
  const url = task.addResult(CHAINS_RESULTS.imageUrl, { description: 'The reference the image was pushed to.' });
  const digest = task.addResult(CHAINS_RESULTS.imageDigest, { description: 'Digest of the pushed image manifest (sha256:<hex>).' });
  const source = task.addWorkspace('source', { description: 'Holds the build context and Dockerfile.' });
  const dockerconfig = task.addWorkspace('dockerconfig', {
    description: 'A config.json with push credentials (a kubernetes.io/dockerconfigjson Secret).',
    optional: true,
  });

  task.addStep({
    name: 'build-and-push',
    image: BUILDAH_IMAGE_PLACEHOLDER,
    workingDir: source.path,
    env: [
      image.toEnv(),
      dockerfile.toEnv(),
      context.toEnv(),
      tlsVerify.toEnv(),
      { name: 'DOCKERCONFIG_BOUND', value: dockerconfig.bound },
      { name: 'DOCKERCONFIG_PATH', value: dockerconfig.path },
    ],
    script: [
      '#!/usr/bin/env sh',
      'set -eu',
      'if [ "${DOCKERCONFIG_BOUND}" = "true" ]; then export REGISTRY_AUTH_FILE="${DOCKERCONFIG_PATH}/config.json"; fi',
      'buildah bud --storage-driver=overlay --format=oci --tls-verify="${TLS_VERIFY}" -f "${DOCKERFILE}" -t "${IMAGE}" "${CONTEXT}"',
      'buildah push --storage-driver=overlay --tls-verify="${TLS_VERIFY}" --digestfile /tmp/image-digest "${IMAGE}" "docker://${IMAGE}"',
      `printf '%s' "$(cat /tmp/image-digest)" > "${digest.path}"`,
      `printf '%s' "\${IMAGE}" > "${url.path}"`,
      '',
    ].join('\n'),
    // buildah needs a privileged container for overlay storage and user namespaces (as tektoncd/catalog's
    // buildah task does); this is the app's only step that does not run as non-root.
    securityContext: { privileged: true },
  });
  return task;
}
