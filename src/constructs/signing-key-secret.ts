import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { SIGNING_SECRET_KEYS } from '../shared/constants.js';
import { TektonConstructError } from './errors.js';
import { SecretVolume, type SecretVolumeOptions } from './secret-volume.js';

/** A signing-key Secret in the `cosign generate-key-pair k8s://` layout, defined here or in the cluster. */
export interface ISigningKeySecret {
  /** The Secret name. */
  readonly secretName: string;
  /** A read-only volume of its three keys (`cosign.key`, `cosign.pub`, `cosign.password`). */
  toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume;
}

/** The mounted signing-key Secret, with the paths a signer needs. */
export class SigningKeyVolume extends SecretVolume {
  /** Path of the encrypted private key (`<mount>/cosign.key`). */
  public get privateKeyPath(): string {
    return this.pathOf(SIGNING_SECRET_KEYS.privateKey);
  }

  /** Path of the public key (`<mount>/cosign.pub`). */
  public get publicKeyPath(): string {
    return this.pathOf(SIGNING_SECRET_KEYS.publicKey);
  }

  /** Path of the key password (`<mount>/cosign.password`). */
  public get passwordPath(): string {
    return this.pathOf(SIGNING_SECRET_KEYS.password);
  }
}

/** Props of a {@link SigningKeySecret}. */
export interface SigningKeySecretProps {
  /** Metadata. @default - name derived from the construct path by cdk8s; chart namespace and labels */
  readonly metadata?: ApiObjectMetadata;
  /** The PEM public key (`cosign.pub`). It is not secret, so it may be written to the manifest. */
  readonly publicKey: string;
  /**
   * The encrypted private key (`cosign.key`). Only with `unsafeWritePrivateKeyToManifest: true`.
   * @default - not written
   */
  readonly privateKey?: string;
  /**
   * The private key's password (`cosign.password`). Only with `unsafeWritePrivateKeyToManifest: true`.
   * @default - not written
   */
  readonly password?: string;
  /**
   * Write the private key and password into the synthesized manifest. Manifests are committed to Git, so
   * this publishes the key to everyone who can read the repository; prefer `SigningKeySecret.fromSecretName()`
   * with a Secret created by `cosign generate-key-pair k8s://ns/name`, or an ExternalSecret/SealedSecret.
   * @default false
   */
  readonly unsafeWritePrivateKeyToManifest?: boolean;
}

/**
 * The signing-key Secret used by cosign and Tekton Chains (`cosign.key`, `cosign.pub`, `cosign.password`).
 *
 * By default a synthesized one holds only the public key (e.g. for verifiers); the private half must come from
 * the cluster: reference it with {@link SigningKeySecret.fromSecretName}. Mount either kind into a Task with
 * `task.addSecretVolume(secret.toSecretVolume())`.
 */
export class SigningKeySecret extends Construct implements ISigningKeySecret {
  /** References a Secret that already exists in the cluster; emits nothing. */
  public static fromSecretName(scope: Construct, id: string, secretName: string): ISigningKeySecret {
    return new ImportedSigningKeySecret(scope, id, secretName);
  }

  /** {@inheritDoc ISigningKeySecret.secretName} */
  public readonly secretName: string;
  /** The emitted Secret object. */
  public readonly apiObject: ApiObject;
  /** Keys this Secret holds (`cosign.pub`, plus the private ones only with the opt-in). */
  public readonly keys: readonly string[];

  public constructor(scope: Construct, id: string, props: SigningKeySecretProps) {
    super(scope, id);
    const writesPrivate = props.privateKey !== undefined || props.password !== undefined;
    if (writesPrivate && props.unsafeWritePrivateKeyToManifest !== true) {
      throw new TektonConstructError(
        'PRIVATE_KEY_IN_MANIFEST',
        `${this.node.path}: a synthesized signing key secret would put ${SIGNING_SECRET_KEYS.privateKey}/${SIGNING_SECRET_KEYS.password} into committed manifests; ` +
          'reference an existing secret with SigningKeySecret.fromSecretName() (or use an ExternalSecret/SealedSecret), or set unsafeWritePrivateKeyToManifest: true',
      );
    }
    if (!/-----BEGIN PUBLIC KEY-----/.test(props.publicKey)) {
      throw new TektonConstructError('INVALID_PROPS', `${this.node.path}: publicKey is not a PEM public key; pass the contents of cosign.pub`);
    }
    if (props.privateKey !== undefined && !/-----BEGIN ENCRYPTED [A-Z ]*PRIVATE KEY-----/.test(props.privateKey)) {
      throw new TektonConstructError(
        'INVALID_PROPS',
        `${this.node.path}: privateKey is not an encrypted PEM private key; refusing to write an unencrypted key, use cosign generate-key-pair`,
      );
    }
    const data: Record<string, string> = { [SIGNING_SECRET_KEYS.publicKey]: b64(props.publicKey) };
    if (props.privateKey !== undefined) data[SIGNING_SECRET_KEYS.privateKey] = b64(props.privateKey);
    if (props.password !== undefined) data[SIGNING_SECRET_KEYS.password] = b64(props.password);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: props.metadata,
      type: 'Opaque',
      data,
    });
    this.secretName = this.apiObject.name;
    this.keys = Object.keys(data);
  }

  /** {@inheritDoc ISigningKeySecret.toSecretVolume} */
  public toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume {
    return new SigningKeyVolume(this.secretName, this.keys.map((key) => ({ key })), options);
  }
}

class ImportedSigningKeySecret extends Construct implements ISigningKeySecret {
  public readonly secretName: string;

  public constructor(scope: Construct, id: string, secretName: string) {
    super(scope, id);
    this.secretName = secretName;
  }

  public toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume {
    const keys = [SIGNING_SECRET_KEYS.privateKey, SIGNING_SECRET_KEYS.publicKey, SIGNING_SECRET_KEYS.password];
    return new SigningKeyVolume(this.secretName, keys.map((key) => ({ key })), options);
  }
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
