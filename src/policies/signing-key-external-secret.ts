import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { type ISigningKeySecret, type SecretVolumeOptions, SigningKeyVolume } from '../constructs/index.js';
import { SIGNING_SECRET_KEYS } from '../shared/constants.js';
import { containsPrivateKey } from '../shared/pem.js';
import { assertNamespace, assertObjectName } from './_names.js';
import { PolicyError } from './errors.js';

/** Kinds of External Secrets Operator store a {@link SigningKeyExternalSecret} can read from. */
export const SecretStoreKind = {
  /** A `SecretStore` in the ExternalSecret's namespace. */
  SECRET_STORE: 'SecretStore',
  /** A cluster-wide `ClusterSecretStore`. */
  CLUSTER_SECRET_STORE: 'ClusterSecretStore',
} as const;
/** One of {@link SecretStoreKind}. */
export type SecretStoreKind = (typeof SecretStoreKind)[keyof typeof SecretStoreKind];

/** Where one value lives in the external secret manager. */
export interface RemoteSecretValue {
  /** The key (path, secret name) in the provider, e.g. `ci/cosign` or `projects/p/secrets/cosign-key`. */
  readonly key: string;
  /**
   * A property inside a structured (JSON) remote secret.
   * @default - the whole remote value
   */
  readonly property?: string;
  /**
   * A provider-specific version of the remote value.
   * @default - the provider's current version
   */
  readonly version?: string;
}

/** Props of {@link SigningKeyExternalSecret}. */
export interface SigningKeyExternalSecretProps {
  /** Name of the SecretStore or ClusterSecretStore to read from. */
  readonly secretStoreName: string;
  /**
   * Kind of the store named by `secretStoreName`.
   * @default SecretStoreKind.SECRET_STORE
   */
  readonly secretStoreKind?: SecretStoreKind;
  /** The encrypted cosign private key (contents of `cosign.key`), written to the `cosign.key` entry. */
  readonly privateKey: RemoteSecretValue;
  /** The private key's password, written to the `cosign.password` entry. */
  readonly password: RemoteSecretValue;
  /**
   * The public key, written to the `cosign.pub` entry (Tekton Chains and `k8s://` key references read it).
   * @default - no `cosign.pub` entry
   */
  readonly publicKey?: RemoteSecretValue;
  /**
   * Name of the Secret the operator creates; the signing Tasks mount it.
   * @default - the ExternalSecret's own name
   */
  readonly secretName?: string;
  /**
   * Namespace of the ExternalSecret (and so of the Secret), usually where the pipeline runs.
   * @default - the chart's namespace, if any
   */
  readonly namespace?: string;
  /**
   * `metadata.name` of the ExternalSecret.
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * How often the operator re-reads the remote values, as a Go duration (`0s` reads once).
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/**
 * An External Secrets Operator `ExternalSecret` (`external-secrets.io/v1`) that materialises the
 * signing-key Secret (type `Opaque`, entries `cosign.key`, `cosign.password` and optionally
 * `cosign.pub`) from a secret manager. The manifest holds references only, so it is safe in Git.
 */
export class SigningKeyExternalSecret extends ApiObject implements ISigningKeySecret {
  /** API group and version of the generated object. */
  public static readonly API_VERSION = 'external-secrets.io/v1';
  /** Kind of the generated object. */
  public static readonly KIND = 'ExternalSecret';

  /** Name of the Secret the operator creates. */
  public readonly secretName: string;
  /** Namespace of the Secret (the object's own), when set here or by the chart. */
  public readonly secretNamespace?: string;
  /** Entries of the Secret the operator creates. */
  private readonly entries: readonly string[];

  public constructor(scope: Construct, id: string, props: SigningKeyExternalSecretProps) {
    const where = `${scope.node.path}/${id}`;
    assertObjectName(props.name, where);
    assertObjectName(props.secretName, where, 'secretName');
    assertObjectName(props.secretStoreName, where, 'secretStoreName');
    assertNamespace(props.namespace, where, 'SECRET_INVALID_REFERENCE');
    const refreshInterval = props.refreshInterval ?? '1h';
    if (!/^([0-9]+(\.[0-9]+)?(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/.test(refreshInterval)) {
      throw new PolicyError(
        'SECRET_INVALID_REFERENCE',
        `${where}: refreshInterval '${refreshInterval}' is not a Go duration: use e.g. '1h', '15m' or '0s'`,
      );
    }
    const entries: Array<[string, RemoteSecretValue]> = [
      [SIGNING_SECRET_KEYS.privateKey, props.privateKey],
      [SIGNING_SECRET_KEYS.password, props.password],
    ];
    if (props.publicKey !== undefined) entries.push([SIGNING_SECRET_KEYS.publicKey, props.publicKey]);

    super(scope, id, {
      apiVersion: SigningKeyExternalSecret.API_VERSION,
      kind: SigningKeyExternalSecret.KIND,
      metadata: {
        ...(props.name === undefined ? {} : { name: props.name }),
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
      },
      spec: {
        refreshInterval,
        secretStoreRef: { name: props.secretStoreName, kind: props.secretStoreKind ?? SecretStoreKind.SECRET_STORE },
        target: {
          ...(props.secretName === undefined ? {} : { name: props.secretName }),
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          // a template without data keeps the fetched entries as they are and only sets the type.
          template: { type: 'Opaque' },
        },
        data: entries.map(([secretKey, remote]) => ({ secretKey, remoteRef: remoteRef(remote, secretKey, where) })),
      },
    });
    this.secretName = props.secretName ?? this.name;
    this.secretNamespace = this.metadata.namespace;
    this.entries = entries.map(([key]) => key);
  }

  /** A read-only volume of the Secret's entries, for the signing Task (`signingKey`). */
  public toSecretVolume(options?: SecretVolumeOptions): SigningKeyVolume {
    return new SigningKeyVolume(this.secretName, this.entries.map((key) => ({ key })), options);
  }
}

function remoteRef(value: RemoteSecretValue, secretKey: string, where: string): Record<string, string> {
  if (value.key.trim().length === 0) {
    throw new PolicyError('SECRET_INVALID_REFERENCE', `${where}: the remote key for '${secretKey}' is empty: name the secret in the store`);
  }
  if (containsPrivateKey(value.key) || containsPrivateKey(value.property ?? '')) {
    throw new PolicyError(
      'SECRET_CLEARTEXT_VALUE',
      `${where}: the remote reference for '${secretKey}' holds a private key instead of its location in the store: ` +
        'store the key in the secret manager and pass its key/path (rotate the key pair if it was committed)',
    );
  }
  return {
    key: value.key,
    ...(value.property === undefined ? {} : { property: value.property }),
    ...(value.version === undefined ? {} : { version: value.version }),
  };
}
