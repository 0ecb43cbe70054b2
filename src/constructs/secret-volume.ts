import type { k8s } from 'cdk8s-plus-28';
import { DEFAULT_KEY_MOUNT_PATH } from '../shared/constants.js';
import { TektonConstructError } from './errors.js';

/**
 * File mode of mounted Secret files: owner read only.
 *
 * Why: keys should not be readable by other users in the container. A non-root step reads them through its
 * group: set the run's `podTemplate.securityContext.fsGroup` (kubelet then adds group read), e.g. to
 * `DEFAULT_NON_ROOT_UID`.
 */
export const DEFAULT_SECRET_FILE_MODE = 0o400;

/** Options of a Secret volume and its mount. */
export interface SecretVolumeOptions {
  /** Pod volume name. @default - derived from the Secret name */
  readonly volumeName?: string;
  /** Where steps mount it. @default DEFAULT_KEY_MOUNT_PATH ('/keys') */
  readonly mountPath?: string;
  /** File mode of the projected keys. @default DEFAULT_SECRET_FILE_MODE (0o400) */
  readonly defaultMode?: number;
  /** Fail the pod when the Secret is missing (`false`) or start without it (`true`). @default false */
  readonly optional?: boolean;
}

/** One key of a Secret projected to a file. */
export interface SecretVolumeItem {
  /** Key in the Secret's data. */
  readonly key: string;
  /** File name under the mount path. @default - the key's name (`key`) */
  readonly path?: string;
}

/**
 * A Secret mounted as a read-only volume: the pod `volume` for `task.addVolume()`/`addSecretVolume()`, the
 * `mount` for the steps that need it, and the paths of its files.
 */
export class SecretVolume {
  /** The pod volume (`secret.secretName`, `items`, `defaultMode`). */
  public readonly volume: k8s.Volume;
  /** The read-only mount for steps. */
  public readonly mount: k8s.VolumeMount;
  /** The mount path. */
  public readonly mountPath: string;
  /** The Secret name. */
  public readonly secretName: string;
  private readonly files: ReadonlyMap<string, string>;

  public constructor(secretName: string, items: readonly SecretVolumeItem[] | undefined, options: SecretVolumeOptions = {}) {
    this.secretName = secretName;
    this.mountPath = (options.mountPath ?? DEFAULT_KEY_MOUNT_PATH).replace(/\/+$/, '') || '/';
    const name = options.volumeName ?? volumeNameFor(secretName);
    this.volume = {
      name,
      secret: {
        secretName,
        defaultMode: options.defaultMode ?? DEFAULT_SECRET_FILE_MODE,
        optional: options.optional,
        items: items?.map((i) => ({ key: i.key, path: i.path ?? i.key })),
      },
    };
    this.mount = { name, mountPath: this.mountPath, readOnly: true };
    this.files = new Map((items ?? []).map((i) => [i.key, i.path ?? i.key]));
  }

  /** Absolute path of the file holding `key` (e.g. `/keys/cosign.key`). */
  public pathOf(key: string): string {
    if (this.files.size > 0 && !this.files.has(key)) {
      throw new TektonConstructError(
        'INVALID_PROPS',
        `secret volume '${this.volume.name}' does not project key '${key}'; projected keys: ${[...this.files.keys()].join(', ')}`,
      );
    }
    const file = this.files.get(key) ?? key;
    return this.mountPath === '/' ? `/${file}` : `${this.mountPath}/${file}`;
  }
}

function volumeNameFor(secretName: string): string {
  return secretName.replace(/\./g, '-').slice(0, 63).replace(/-$/, '');
}
