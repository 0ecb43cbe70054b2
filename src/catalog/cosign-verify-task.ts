import type { k8s } from 'cdk8s-plus-28';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  type ParamReference,
  SigningKeyVolume,
  type TektonObjectProps,
  type WorkspaceReference,
} from '../constructs/index.js';
import type { CosignPublicKey } from '../policies/cosign-public-key.js';
import { DEFAULT_KEY_MOUNT_PATH, SIGNER_COMMANDS, SIGNER_FLAGS, SIGNING_SECRET_KEYS } from '../shared/constants.js';
import {
  annotationArgs,
  flag,
  resolveSignerImage,
  SIGNER_STEP_COMMAND,
  SIGNER_STEP_SECURITY_CONTEXT,
  type SignerRegistryOptions,
  signerImagePlatform,
  wireRegistry,
} from './_signer-step.js';
import { CatalogTask } from './catalog-task.js';

/** Catalog name of {@link CosignVerifyTask}. */
export const COSIGN_VERIFY_TASK_NAME = 'cosign-verify';

/** Catalog version of {@link CosignVerifyTask}. */
export const COSIGN_VERIFY_TASK_VERSION = '0.1';

/** Where the public key is mounted in the verify step. */
const PUBLIC_KEY_VOLUME = 'public-key';

/**
 * The pod volume whose `cosign.pub` file holds `key`: the `cosign.pub` entry of the signing-key Secret (mode 0444:
 * a public key needs no fsGroup; the private key stays out of the pod), a ConfigMap entry, a Secret's `cosign.pub`,
 * or an inline PEM written into a ConfigMap `<task name>-public-key` next to the task (a public key is not secret).
 */
function publicKeyVolume(task: CosignVerifyTask, key: CosignPublicKey): k8s.Volume {
  const secretName = key.signingKeySecretName ?? key.secret?.name;
  if (secretName !== undefined) {
    return new SigningKeyVolume(secretName, [{ key: SIGNING_SECRET_KEYS.publicKey }], { volumeName: PUBLIC_KEY_VOLUME, defaultMode: 0o444 }).volume;
  }
  if (key.configMap !== undefined) return configMapVolume(key.configMap.name, key.configMap.key);
  const configMap = new ApiObject(task, 'public-key', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${task.name}-public-key` },
    data: { [SIGNING_SECRET_KEYS.publicKey]: key.pem },
  });
  return configMapVolume(configMap.name, SIGNING_SECRET_KEYS.publicKey);
}

function configMapVolume(name: string, key: string): k8s.Volume {
  return { name: PUBLIC_KEY_VOLUME, configMap: { name, items: [{ key, path: SIGNING_SECRET_KEYS.publicKey }] } };
}

/** Props of a {@link CosignVerifyTask}. */
export interface CosignVerifyTaskProps extends TektonObjectProps, SignerRegistryOptions {
  /** The public key to verify with, e.g. `CosignPublicKey.fromSigningKeySecret(signingKey)`. */
  readonly publicKey: CosignPublicKey;
  /**
   * Where the public key is mounted (the file is `<path>/cosign.pub`).
   * @default DEFAULT_KEY_MOUNT_PATH ('/keys')
   */
  readonly keyMountPath?: string;
  /**
   * Annotations a signature must carry to count (`-a key=value`); values may use Tekton variables.
   * @default - no annotation is required: any signature by the key counts
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The signer image, pinned by digest.
   * @default - the app's signer image (`useSignerImage`, context `signet:signerImage`), else the one in
   *   signer-image.lock.json, by digest
   */
  readonly image?: string;
  /**
   * `spec.description`.
   * @default - what the task checks
   */
  readonly description?: string;
}

/**
 * Verifies that a container image carries a cosign signature made by a given key pair and fails the run when
 * none verifies (wrong key, unsigned, tampered, or a payload naming another digest). Runs signet's signer image,
 * pinned by digest, as uid 65532 with a read-only root filesystem; `IMAGE` reaches it as a whole argument.
 */
export class CosignVerifyTask extends CatalogTask {
  /** The `IMAGE` param. */
  public readonly imageParam: ParamReference;
  /** Path of the public key inside the step. */
  public readonly publicKeyPath: string;
  /** The optional `dockerconfig` workspace, unless `registryCredentials` was given. */
  public readonly dockerConfigWorkspace?: WorkspaceReference;
  /** The signer image the step runs, pinned by digest. */
  public readonly signerImage: string;

  public constructor(scope: Construct, id: string, props: CosignVerifyTaskProps) {
    super(scope, id, {
      metadata: { name: COSIGN_VERIFY_TASK_NAME, ...props.metadata },
      catalog: {
        version: COSIGN_VERIFY_TASK_VERSION,
        categories: ['Security'],
        tags: ['cosign', 'verification', 'supply-chain'],
        displayName: 'cosign verify',
        platforms: [signerImagePlatform()],
      },
      description: props.description ?? DEFAULT_DESCRIPTION,
    });
    this.signerImage = resolveSignerImage(this, props.image);
    this.imageParam = this.addParam('IMAGE', {
      type: 'string',
      description: 'Image to verify, by digest: registry/repository[:tag]@sha256:<hex>. A tag alone is resolved to its digest, with a warning.',
    });
    const volume = publicKeyVolume(this, props.publicKey);
    this.addVolume(volume);
    const mountPath = (props.keyMountPath ?? DEFAULT_KEY_MOUNT_PATH).replace(/\/+$/, '') || '/';
    this.publicKeyPath = `${mountPath === '/' ? '' : mountPath}/${SIGNING_SECRET_KEYS.publicKey}`;
    const registry = wireRegistry(this, props);
    this.dockerConfigWorkspace = registry.workspace;

    this.addStep({
      name: 'verify',
      image: this.signerImage,
      command: [...SIGNER_STEP_COMMAND],
      args: [
        SIGNER_COMMANDS.verify,
        flag(SIGNER_FLAGS.key), this.publicKeyPath,
        ...annotationArgs(this.node.path, props.annotations),
        ...registry.args,
        '--',
        this.imageParam.expression,
      ],
      env: registry.env,
      volumeMounts: [{ name: volume.name, mountPath, readOnly: true }, ...registry.volumeMounts],
      securityContext: SIGNER_STEP_SECURITY_CONTEXT,
    });
  }
}

const DEFAULT_DESCRIPTION = [
  'Verifies the cosign signature of a container image with a public key and fails when none verifies.',
  '',
  'Checks each tag-based signature (sha256-<hex>.sig) against the key, the payload digest against the image and,',
  'when given, the required annotations. Key-based and offline: no transparency log is consulted.',
].join('\n');
