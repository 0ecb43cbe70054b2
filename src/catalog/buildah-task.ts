import type { Construct } from 'constructs';
import type { TektonObjectProps } from '../constructs/index.js';
import { CHAINS_RESULTS } from '../shared/constants.js';
import { CatalogTask } from './catalog-task.js';
import { CATALOG_IMAGES, checkPinnedImage } from './images.js';

/** Catalog name of {@link BuildahTask}. */
export const BUILDAH_TASK_NAME = 'buildah';

/** Catalog version of {@link BuildahTask} (0.2: the `PLATFORMS` param). */
export const BUILDAH_TASK_VERSION = '0.2';

/** Name of the param that builds a multi-platform image index: comma-separated `os/arch[/variant]`, empty for one image. */
export const BUILDAH_PLATFORMS_PARAM = 'PLATFORMS';

/**
 * Security context of the buildah step: privileged, because buildah needs overlay mounts and user namespaces
 * inside the container (as tektoncd/catalog's buildah task does). The only catalog step that is not non-root.
 */
export const BUILDAH_SECURITY_CONTEXT = { privileged: true } as const;

/** Props of a {@link BuildahTask}. */
export interface BuildahTaskProps extends TektonObjectProps {
  /**
   * The buildah image, pinned by digest.
   * @default CATALOG_IMAGES.buildah.reference (the quay.io/buildah/stable index, pinned by digest)
   */
  readonly builderImage?: string;
}

/**
 * Builds a Dockerfile with buildah and pushes the image, reporting the Chains type-hint results `IMAGE_URL`
 * (the reference pushed to) and `IMAGE_DIGEST` (`sha256:<hex>` of the pushed manifest), so a signing task can
 * sign by digest and Tekton Chains can attest the image.
 *
 * Params reach the script through env and `BUILD_ARGS` through args; nothing is interpolated into the script.
 * The step is privileged (see {@link BUILDAH_SECURITY_CONTEXT}).
 *
 * `PLATFORMS` (default empty: one image for the node's platform) builds one image per listed platform
 * (`buildah bud --platform … --manifest`) and pushes them with an image index (`buildah manifest push --all`);
 * `IMAGE_DIGEST` is then the index's digest. Platforms other than the node's need emulation on the node
 * (qemu-user-static in binfmt_misc) for `RUN` instructions. Sign such an image with `RECURSIVE=true`.
 *
 * @see https://github.com/tektoncd/catalog/tree/main/task/buildah (the distributed catalog's buildah)
 */
export class BuildahTask extends CatalogTask {
  /** The buildah image the step runs. */
  public readonly builderImage: string;

  public constructor(scope: Construct, id: string, props: BuildahTaskProps = {}) {
    super(scope, id, {
      metadata: { name: BUILDAH_TASK_NAME, ...props.metadata },
      catalog: { version: BUILDAH_TASK_VERSION, categories: ['Image Build'], tags: ['image-build', 'buildah'], displayName: 'buildah' },
      description: [
        'Builds a container image from a Dockerfile with buildah and pushes it, reporting IMAGE_URL and IMAGE_DIGEST.',
        '',
        'IMAGE_DIGEST is the sha256 digest of the pushed manifest, so later tasks can sign and verify exactly',
        'what was pushed, and Tekton Chains recognises both results as the built image. Push credentials come',
        'from a config.json in the dockerconfig workspace. The step runs privileged, as buildah requires.',
      ].join('\n'),
    });
    this.builderImage = checkPinnedImage(`${this.node.path}: builderImage`, props.builderImage ?? CATALOG_IMAGES.buildah.reference);

    const image = this.addParam('IMAGE', { type: 'string', description: 'Reference to push to, e.g. registry.example.com/team/app:1.2.3.' });
    const dockerfile = this.addParam('DOCKERFILE', { type: 'string', default: './Dockerfile', description: 'Path of the Dockerfile, relative to the source workspace.' });
    const context = this.addParam('CONTEXT', { type: 'string', default: '.', description: 'Build context directory, relative to the source workspace.' });
    const storageDriver = this.addParam('STORAGE_DRIVER', { type: 'string', default: 'overlay', description: 'buildah storage driver: overlay or vfs.' });
    const format = this.addParam('FORMAT', { type: 'string', default: 'oci', description: 'Manifest format of the image: oci or docker.' });
    const tlsVerify = this.addParam('TLSVERIFY', { type: 'string', default: 'true', description: 'Verify the registry TLS certificate: true or false.' });
    const platforms = this.addParam(BUILDAH_PLATFORMS_PARAM, {
      type: 'string',
      default: '',
      description: 'Comma-separated platforms (os/arch[/variant], e.g. linux/amd64,linux/arm64) to build into one image index; empty builds one image for the node\'s platform.',
    });
    const buildArgs = this.addParam('BUILD_ARGS', { type: 'array', default: [], description: 'Dockerfile build arguments, each KEY=VALUE.' });

    const url = this.addResult(CHAINS_RESULTS.imageUrl, { description: 'The reference the image was pushed to (the IMAGE param).' });
    const digest = this.addResult(CHAINS_RESULTS.imageDigest, { description: 'Digest of the pushed image manifest, sha256:<hex>.' });

    const source = this.addWorkspace('source', { description: 'Holds the Dockerfile and the build context.' });
    const certs = this.addWorkspace('sslcertdir', { optional: true, description: 'Extra CA certificates (*.crt) for the registry.' });
    const dockerconfig = this.addWorkspace('dockerconfig', {
      optional: true,
      description: 'A config.json with push credentials at its root (bind a kubernetes.io/dockerconfigjson Secret).',
    });

    this.addVolume({ name: 'varlibcontainers', emptyDir: {} });
    this.addStep({
      name: 'build-and-push',
      image: this.builderImage,
      workingDir: source.path,
      env: [
        image.toEnv('IMAGE'),
        dockerfile.toEnv('DOCKERFILE'),
        context.toEnv('CONTEXT'),
        storageDriver.toEnv('STORAGE_DRIVER'),
        format.toEnv('FORMAT'),
        tlsVerify.toEnv('TLSVERIFY'),
        platforms.toEnv('PLATFORMS'),
        { name: 'SSLCERTDIR_BOUND', value: certs.bound },
        { name: 'SSLCERTDIR_PATH', value: certs.path },
        { name: 'DOCKERCONFIG_BOUND', value: dockerconfig.bound },
        { name: 'DOCKERCONFIG_PATH', value: dockerconfig.path },
      ],
      args: [buildArgs.items()],
      script: buildScript(url.path, digest.path),
      volumeMounts: [{ name: 'varlibcontainers', mountPath: '/var/lib/containers' }],
      securityContext: BUILDAH_SECURITY_CONTEXT,
    });
  }
}

/** The build step's script: params arrive through env, build args as "$@". */
function buildScript(urlPath: string, digestPath: string): string {
  return `#!/usr/bin/env bash
set -euo pipefail

build_args=()
for arg in "$@"; do
  build_args+=("--build-arg=\${arg}")
done
cert_dir=()
if [ "\${SSLCERTDIR_BOUND}" = "true" ]; then cert_dir=("--cert-dir=\${SSLCERTDIR_PATH}"); fi
if [ "\${DOCKERCONFIG_BOUND}" = "true" ]; then export REGISTRY_AUTH_FILE="\${DOCKERCONFIG_PATH}/config.json"; fi

if [ -n "\${PLATFORMS}" ]; then
  # one image per platform, collected in a manifest list named IMAGE and pushed as one index
  buildah --storage-driver="\${STORAGE_DRIVER}" bud "\${cert_dir[@]}" "\${build_args[@]}" --platform="\${PLATFORMS}" \\
    --format="\${FORMAT}" --tls-verify="\${TLSVERIFY}" -f "\${DOCKERFILE}" --manifest "\${IMAGE}" "\${CONTEXT}"
  buildah --storage-driver="\${STORAGE_DRIVER}" manifest push --all "\${cert_dir[@]}" \\
    --tls-verify="\${TLSVERIFY}" --digestfile /tmp/image-digest "\${IMAGE}" "docker://\${IMAGE}"
else
  buildah --storage-driver="\${STORAGE_DRIVER}" bud "\${cert_dir[@]}" "\${build_args[@]}" \\
    --format="\${FORMAT}" --tls-verify="\${TLSVERIFY}" -f "\${DOCKERFILE}" -t "\${IMAGE}" "\${CONTEXT}"
  buildah --storage-driver="\${STORAGE_DRIVER}" push "\${cert_dir[@]}" \\
    --tls-verify="\${TLSVERIFY}" --digestfile /tmp/image-digest "\${IMAGE}" "docker://\${IMAGE}"
fi

digest="$(cat /tmp/image-digest)"
case "\${digest}" in
  sha256:????????????????????????????????????????????????????????????????) ;;
  *) echo "buildah push reported digest '\${digest}', expected sha256:<64 hex>; not writing IMAGE_DIGEST" >&2; exit 1 ;;
esac
printf '%s' "\${digest}" > "${digestPath}"
printf '%s' "\${IMAGE}" > "${urlPath}"
`;
}
