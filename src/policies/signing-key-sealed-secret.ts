import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { type ISigningKeySecret, type SecretVolumeOptions, SigningKeyVolume } from '../constructs/index.js';
import { SIGNING_SECRET_KEYS } from '../shared/constants.js';
import { containsPemArmour, containsPrivateKey } from '../shared/pem.js';
import { assertNamespace, assertObjectName } from './_names.js';
import { PolicyError } from './errors.js';

/**
 * What a sealed value is bound to; it must match the `--scope` given to `kubeseal` when sealing.
 */
export const SealingScope = {
  /** Bound to this exact namespace and name (kubeseal's default). */
  STRICT: 'strict',
  /** Bound to the namespace; the Secret may be renamed. */
  NAMESPACE_WIDE: 'namespace-wide',
  /** Decryptable in any namespace under any name. */
  CLUSTER_WIDE: 'cluster-wide',
} as const;
/** One of {@link SealingScope}. */
export type SealingScope = (typeof SealingScope)[keyof typeof SealingScope];

/** Props of {@link SigningKeySealedSecret}. */
export interface SigningKeySealedSecretProps {
  /**
   * Name of the SealedSecret and of the Secret it unseals to. In strict scope the ciphertext is
   * bound to it, so it must be the `--name` used with kubeseal and must not change afterwards.
   */
  readonly name: string;
  /** Namespace of the SealedSecret and the Secret (the `--namespace` used with kubeseal). */
  readonly namespace: string;
  /**
   * Output of `kubeseal --raw` for the encrypted private key file (`cosign.key`). Clear-text
   * keys are refused.
   */
  readonly encryptedPrivateKey: string;
  /** Output of `kubeseal --raw` for the key's password. Clear-text passwords are refused. */
  readonly encryptedPassword: string;
  /**
   * Output of `kubeseal --raw` for the public key (`cosign.pub`).
   * @default - no `cosign.pub` entry
   */
  readonly encryptedPublicKey?: string;
  /**
   * The scope the values were sealed with.
   * @default SealingScope.STRICT
   */
  readonly scope?: SealingScope;
}

/**
 * A Bitnami `SealedSecret` (`bitnami.com/v1alpha1`) that the in-cluster controller unseals into
 * the signing-key Secret (type `Opaque`, entries `cosign.key`, `cosign.password`, optionally
 * `cosign.pub`).
 *
 * It takes values already encrypted by `kubeseal`, for example
 * `kubeseal --raw --namespace ci --name signing-key --from-file=cosign.key`, and refuses anything
 * that is not kubeseal output (a PEM private key, a clear-text or short password), so a mistake
 * cannot put the key or password into Git.
 */
export class SigningKeySealedSecret extends ApiObject implements ISigningKeySecret {
  /** API group and version of the generated object. */
  public static readonly API_VERSION = 'bitnami.com/v1alpha1';
  /** Kind of the generated object. */
  public static readonly KIND = 'SealedSecret';

  /** Name of the Secret the controller unseals. */
  public readonly secretName: string;
  /** Namespace of the Secret (the object's own), when set here or by the chart. */
  public readonly secretNamespace?: string;
  /** Entries of the Secret the operator creates. */
  private readonly entries: readonly string[];

  public constructor(scope: Construct, id: string, props: SigningKeySealedSecretProps) {
    const where = `${scope.node.path}/${id}`;
    assertObjectName(props.name, where);
    assertNamespace(props.namespace, where, 'SECRET_INVALID_REFERENCE');
    const encryptedData: Record<string, string> = {
      [SIGNING_SECRET_KEYS.privateKey]: sealedValue(props.encryptedPrivateKey, SIGNING_SECRET_KEYS.privateKey, where),
      [SIGNING_SECRET_KEYS.password]: sealedValue(props.encryptedPassword, SIGNING_SECRET_KEYS.password, where),
    };
    if (props.encryptedPublicKey !== undefined) {
      encryptedData[SIGNING_SECRET_KEYS.publicKey] = sealedValue(props.encryptedPublicKey, SIGNING_SECRET_KEYS.publicKey, where);
    }
    const sealingScope = props.scope ?? SealingScope.STRICT;
    // the controller reads the scope from these annotations on the SealedSecret itself.
    const annotations: Record<string, string> =
      sealingScope === SealingScope.STRICT ? {} : { [`sealedsecrets.bitnami.com/${sealingScope}`]: 'true' };

    super(scope, id, {
      apiVersion: SigningKeySealedSecret.API_VERSION,
      kind: SigningKeySealedSecret.KIND,
      metadata: { name: props.name, namespace: props.namespace, ...(sealingScope === SealingScope.STRICT ? {} : { annotations }) },
      spec: {
        encryptedData,
        template: { type: 'Opaque', metadata: { name: props.name, namespace: props.namespace } },
      },
    });
    this.secretName = props.name;
    this.secretNamespace = props.namespace;
    this.entries = Object.keys(encryptedData);
  }

  /** A read-only volume of the Secret's entries, for the signing Task (`signingKey`). */
  public toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume {
    return new SigningKeyVolume(this.secretName, this.entries.map((key) => ({ key })), options);
  }
}

/**
 * Accepts only the shape kubeseal produces: standard base64 of a big-endian uint16 RSA ciphertext
 * length, that RSA-OAEP ciphertext (2048-bit keys or larger), then AES-GCM output with its 16-byte tag.
 */
function sealedValue(value: string, entry: string, where: string): string {
  if (containsPrivateKey(value) || containsPemArmour(value)) {
    throw new PolicyError(
      'SECRET_CLEARTEXT_VALUE',
      `${where}: the value for '${entry}' is a clear-text PEM block, not kubeseal output: ` +
        `seal it with 'kubeseal --raw --namespace <ns> --name <name> --from-file=${entry}' ` +
        '(rotate the key pair if the clear text was committed)',
    );
  }
  const compact = value.trim();
  const notSealed = (): never => {
    throw new PolicyError(
      'SECRET_CLEARTEXT_VALUE',
      `${where}: the value for '${entry}' is not kubeseal output (it looks like clear text or a short password): ` +
        `seal it with 'kubeseal --raw --namespace <ns> --name <name> --from-file=${entry}'`,
    );
  };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) notSealed();
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length < 2) notSealed();
  const rsaLength = bytes.readUInt16BE(0);
  const gcmTagLength = 16;
  if (rsaLength < 256 || rsaLength > 2048 || rsaLength % 128 !== 0 || bytes.length < 2 + rsaLength + gcmTagLength) {
    notSealed();
  }
  return compact;
}
