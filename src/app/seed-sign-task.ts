import type { Construct } from 'constructs';
import { DEFAULT_KEY_MOUNT_PATH, SIGNER_COMMANDS, SIGNER_FLAGS } from '../shared/constants.js';
import { type ISigningKeySecret, Task } from '../constructs/index.js';
import { SIGNER_IMAGE_PLACEHOLDER } from './images.js';

/** Props of {@link createSeedSignTask}. */
export interface SeedSignTaskProps {
  /** The signing-key Secret (cosign layout) to mount at `/keys`. */
  readonly signingKey: ISigningKeySecret;
}

/**
 * The `cosign-sign` Task of the seed pipeline: signs `IMAGE` (which must be a digest reference) with the key
 * mounted from the signing Secret.
 *
 * Kept in its own file so the `CosignSignTask` catalog construct can replace it. The signer image is a
 * PLACEHOLDER until the signer image lands.
 */
export function createSeedSignTask(scope: Construct, id: string, props: SeedSignTaskProps): Task {
  const task = new Task(scope, id, {
    metadata: { name: 'cosign-sign' },
    description:
      'Signs a container image by digest with a cosign key pair from a Kubernetes Secret. The signer runs as uid 65532: ' +
      'run it with podTemplate.securityContext.fsGroup 65532 so it can read the mounted key files (mode 0400).',
  });
  const keys = task.addSecretVolume(props.signingKey.toSecretVolume({ volumeName: 'signing-key', mountPath: DEFAULT_KEY_MOUNT_PATH }));
  const image = task.addParam('IMAGE', { description: 'Image to sign, by digest: <repository>[:tag]@sha256:<hex>.' });
  const keyPath = task.addParam('KEY_PATH', { description: 'Path of the encrypted cosign private key.', default: keys.privateKeyPath });
  const passwordPath = task.addParam('PASSWORD_PATH', { description: 'Path of the file holding the key password.', default: keys.passwordPath });
  const dockerconfig = task.addWorkspace('dockerconfig', {
    description: 'A config.json with push credentials for the signature (a kubernetes.io/dockerconfigjson Secret).',
    optional: true,
  });

  task.addStep({
    name: 'sign',
    image: SIGNER_IMAGE_PLACEHOLDER,
    env: [image.toEnv(), keyPath.toEnv(), passwordPath.toEnv(), { name: 'DOCKER_CONFIG', value: dockerconfig.path }],
    // no shell: Kubernetes expands `$(VAR)` in args from the container env, so param values never pass
    // through a script (and the signer image needs no shell).
    command: ['signet'],
    args: [SIGNER_COMMANDS.sign, `--${SIGNER_FLAGS.key}`, '$(KEY_PATH)', `--${SIGNER_FLAGS.passwordFile}`, '$(PASSWORD_PATH)', '$(IMAGE)'],
    volumeMounts: [keys.mount],
  });
  return task;
}
