import type { k8s } from 'cdk8s-plus-28';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  type ISigningKeySecret,
  type ParamReference,
  SigningKeyVolume,
  TektonConstructError,
  type TektonObjectProps,
  type WorkspaceReference,
} from '../constructs/index.js';
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
 * The public key a {@link CosignVerifyTask} verifies with: the `cosign.pub` of a signing-key Secret, a ConfigMap
 * entry, or an inline PEM (which the task writes into a ConfigMap next to itself; a public key is not secret).
 */
export abstract class VerificationKey {
  /**
   * Only the `cosign.pub` entry of the signing-key Secret is mounted (mode 0444: a public key needs no fsGroup);
   * the private key stays out of the pod.
   */
  public static fromSigningKeySecret(secret: ISigningKeySecret): VerificationKey {
    return new (class extends VerificationKey {
      public bind(): k8s.Volume {
        return new SigningKeyVolume(secret.secretName, [{ key: SIGNING_SECRET_KEYS.publicKey }], { volumeName: PUBLIC_KEY_VOLUME, defaultMode: 0o444 }).volume;
      }
    })();
  }

  /**
   * A ConfigMap in the cluster holding the PEM public key.
   * @param key data key of the PEM. @default 'cosign.pub'
   */
  public static fromConfigMap(configMapName: string, key: string = SIGNING_SECRET_KEYS.publicKey): VerificationKey {
    return new (class extends VerificationKey {
      public bind(): k8s.Volume {
        return configMapVolume(configMapName, key);
      }
    })();
  }

  /** An inline PEM public key (the contents of `cosign.pub`), synthesized as a ConfigMap `<task name>-public-key`. */
  public static fromPem(pem: string): VerificationKey {
    return new (class extends VerificationKey {
      public bind(task: CosignVerifyTask): k8s.Volume {
        if (/PRIVATE KEY-----/.test(pem)) {
          throw new TektonConstructError('PRIVATE_KEY_IN_MANIFEST', `${task.node.path}: the verification key is a private key; pass the contents of cosign.pub`);
        }
        if (!/-----BEGIN PUBLIC KEY-----/.test(pem)) {
          throw new TektonConstructError('INVALID_PROPS', `${task.node.path}: the verification key is not a PEM public key; pass the contents of cosign.pub`);
        }
        const configMap = new ApiObject(task, 'public-key', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `${task.name}-public-key` },
          data: { [SIGNING_SECRET_KEYS.publicKey]: pem },
        });
        return configMapVolume(configMap.name, SIGNING_SECRET_KEYS.publicKey);
      }
    })();
  }

  /**
   * The pod volume whose `cosign.pub` file holds the key; called once by the task it is given to.
   * @internal
   */
  public abstract bind(task: CosignVerifyTask): k8s.Volume;
}

function configMapVolume(name: string, key: string): k8s.Volume {
  return { name: PUBLIC_KEY_VOLUME, configMap: { name, items: [{ key, path: SIGNING_SECRET_KEYS.publicKey }] } };
}

/** Props of a {@link CosignVerifyTask}. */
export interface CosignVerifyTaskProps extends TektonObjectProps, SignerRegistryOptions {
  /** The public key to verify with, e.g. `VerificationKey.fromSigningKeySecret(signingKey)`. */
  readonly publicKey: VerificationKey;
  /**
   * Where the public key is mounted (the file is `<path>/cosign.pub`).
   * @default DEFAULT_KEY_MOUNT_PATH ('/keys')
   */
  readonly keyMountPath?: string;
  /**
   * Annotations a signature must carry to count (`-a key=value`); values may use Tekton variables.
   * @default - none
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
    const volume = props.publicKey.bind(this);
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
