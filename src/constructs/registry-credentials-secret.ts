import { Construct } from 'constructs';
import type { WorkspaceVolumeSource } from '../tekton/index.js';
import { SecretVolume, type SecretVolumeOptions } from './secret-volume.js';

/** Key of a `kubernetes.io/dockerconfigjson` Secret. */
export const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';

/** Where registry credentials are mounted by default; point `DOCKER_CONFIG` here. */
export const DEFAULT_DOCKER_CONFIG_MOUNT_PATH = '/docker-config';

/** A `kubernetes.io/dockerconfigjson` Secret holding registry credentials. */
export interface IRegistryCredentials {
  /** The Secret name. */
  readonly secretName: string;
  /** A read-only volume exposing the credentials as `<mount>/config.json` (set `DOCKER_CONFIG` to the mount path). */
  toSecretVolume(options?: SecretVolumeOptions): SecretVolume;
  /** A workspace binding for Tasks that take a `dockerconfig` workspace (buildah, kaniko). */
  toWorkspaceSource(): WorkspaceVolumeSource;
}

/**
 * References to registry credentials Secrets (`kubernetes.io/dockerconfigjson`) that exist in the cluster.
 *
 * Credentials are never synthesized: create the Secret with `kubectl create secret docker-registry` or an
 * ExternalSecret, and reference it by name.
 */
export class RegistryCredentialsSecret extends Construct implements IRegistryCredentials {
  /** References an existing dockerconfigjson Secret; emits nothing. */
  public static fromSecretName(scope: Construct, id: string, secretName: string): IRegistryCredentials {
    return new RegistryCredentialsSecret(scope, id, secretName);
  }

  /** {@inheritDoc IRegistryCredentials.secretName} */
  public readonly secretName: string;

  private constructor(scope: Construct, id: string, secretName: string) {
    super(scope, id);
    this.secretName = secretName;
  }

  /** {@inheritDoc IRegistryCredentials.toSecretVolume} */
  public toSecretVolume(options: SecretVolumeOptions = {}): SecretVolume {
    return new SecretVolume(this.secretName, [{ key: DOCKER_CONFIG_JSON_KEY, path: 'config.json' }], {
      mountPath: DEFAULT_DOCKER_CONFIG_MOUNT_PATH,
      ...options,
    });
  }

  /** {@inheritDoc IRegistryCredentials.toWorkspaceSource} */
  public toWorkspaceSource(): WorkspaceVolumeSource {
    return { secret: { secretName: this.secretName, items: [{ key: DOCKER_CONFIG_JSON_KEY, path: 'config.json' }] } };
  }
}
