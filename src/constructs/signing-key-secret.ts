import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { SIGNING_SECRET_KEYS } from '../shared/constants.js';
import { containsEncryptedPrivateKey, pemLabels } from '../shared/pem.js';
import { TektonConstructError } from './errors.js';
import { SecretVolume, type SecretVolumeOptions } from './secret-volume.js';

/**
 * A signing-key Secret in the `cosign generate-key-pair k8s://` layout, however it reaches the cluster: referenced
 * ({@link SigningKeySecret.fromSecretName}), synthesized ({@link SigningKeySecret}), or materialised by an operator
 * (`SigningKeyExternalSecret`, `SigningKeySealedSecret`). The signing Task mounts it; `CosignPublicKey.fromSigningKeySecret`
 * derives the verifiers' key from it.
 */
export interface ISigningKeySecret {
  /** The Secret name. */
  readonly secretName: string;
  /**
   * Namespace of the Secret, when the construct knows it.
   * @default - not known here: the Secret is looked up in the namespace the pipeline runs in
   */
  readonly secretNamespace?: string;
  /**
   * The PEM public key (`cosign.pub`) when it is known at synth time; admission policies are derived from it and a
   * public key that does not match it is refused.
   * @default - not known at synth time (the key pair lives only in the cluster or a secret manager)
   */
  readonly publicKeyPem?: string;
  /** A read-only volume of its keys (`cosign.key`, `cosign.password` and, where present, `cosign.pub`). */
  toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume;
}

/** Options of {@link SigningKeySecret.fromSecretName}. */
export interface SigningKeySecretReferenceOptions {
  /**
   * Namespace of the Secret.
   * @default - not recorded: the Secret is looked up in the namespace the pipeline runs in
   */
  readonly namespace?: string;
  /**
   * The Secret's `cosign.pub`, given alongside so that admission policies can be derived from the key and a
   * mismatching public key refused. Not secret; checked to be a PEM public key.
   * @default - not known at synth time: admission policies need an explicit public key
   */
  readonly publicKey?: string;
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
   * @default - not written: the synthesized Secret holds no `cosign.key`
   */
  readonly privateKey?: string;
  /**
   * The private key's password (`cosign.password`). Only with `unsafeWritePrivateKeyToManifest: true`.
   * @default - not written: the synthesized Secret holds no `cosign.password`
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
  public static fromSecretName(scope: Construct, id: string, secretName: string, options: SigningKeySecretReferenceOptions = {}): ISigningKeySecret {
    return new ImportedSigningKeySecret(scope, id, secretName, options);
  }

  /** {@inheritDoc ISigningKeySecret.secretName} */
  public readonly secretName: string;
  /** {@inheritDoc ISigningKeySecret.secretNamespace} */
  public readonly secretNamespace?: string;
  /** {@inheritDoc ISigningKeySecret.publicKeyPem} */
  public readonly publicKeyPem: string;
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
    checkPublicKeyPem(this.node.path, props.publicKey);
    if (props.privateKey !== undefined && !containsEncryptedPrivateKey(props.privateKey)) {
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
    this.secretNamespace = this.apiObject.metadata.namespace;
    this.publicKeyPem = props.publicKey;
    this.keys = Object.keys(data);
  }

  /** {@inheritDoc ISigningKeySecret.toSecretVolume} */
  public toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume {
    return new SigningKeyVolume(this.secretName, this.keys.map((key) => ({ key })), options);
  }
}

class ImportedSigningKeySecret extends Construct implements ISigningKeySecret {
  public readonly secretName: string;
  public readonly secretNamespace?: string;
  public readonly publicKeyPem?: string;

  public constructor(scope: Construct, id: string, secretName: string, options: SigningKeySecretReferenceOptions) {
    super(scope, id);
    if (options.publicKey !== undefined) checkPublicKeyPem(this.node.path, options.publicKey);
    this.secretName = secretName;
    this.secretNamespace = options.namespace;
    this.publicKeyPem = options.publicKey;
  }

  public toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume {
    const keys = [SIGNING_SECRET_KEYS.privateKey, SIGNING_SECRET_KEYS.publicKey, SIGNING_SECRET_KEYS.password];
    return new SigningKeyVolume(this.secretName, keys.map((key) => ({ key })), options);
  }
}

function checkPublicKeyPem(where: string, pem: string): void {
  if (!pemLabels(pem).includes('PUBLIC KEY')) {
    throw new TektonConstructError('INVALID_PROPS', `${where}: publicKey is not a PEM public key; pass the contents of cosign.pub`);
  }
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
