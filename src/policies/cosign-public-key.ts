import { createPublicKey, type KeyObject } from 'node:crypto';
import type { ISigningKeySecret } from '../constructs/signing-key-secret.js';
import { SIGNING_SECRET_KEYS } from '../shared/constants.js';
import { isDnsLabel, isDnsSubdomain } from '../shared/kubernetes-names.js';
import { containsPrivateKey, pemLabels } from '../shared/pem.js';
import { PolicyError } from './errors.js';

/** Digest algorithms the verifiers accept for key-based cosign signatures. */
export const HashAlgorithm = {
  SHA224: 'sha224',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
} as const;
/** One of {@link HashAlgorithm}. */
export type HashAlgorithm = (typeof HashAlgorithm)[keyof typeof HashAlgorithm];

/** A Secret, in the cluster, whose `cosign.pub` entry holds the public key. */
export interface PublicKeySecretReference {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret. */
  readonly name: string;
}

/** A ConfigMap entry holding a PEM public key. */
export interface PublicKeyConfigMapReference {
  /** Name of the ConfigMap, in the namespace the verify task runs in. */
  readonly name: string;
  /** Data key of the PEM. */
  readonly key: string;
}

/**
 * The cosign public key, one type for everything that verifies: the `CosignVerifyTask` and every admission
 * policy (`SignedImageAdmission`, the Kyverno and policy-controller policies).
 *
 * Build it from the same `cosign.pub` the pipeline's key pair produced: inline ({@link CosignPublicKey.fromPem},
 * recommended: a public key is safe to keep in Git and needs no cluster RBAC), from the signing key itself
 * ({@link CosignPublicKey.fromSigningKeySecret}), as a reference to a Secret in the cluster
 * ({@link CosignPublicKey.fromSecret}) or, for the verify task only, a ConfigMap ({@link CosignPublicKey.fromConfigMap}).
 */
export class CosignPublicKey {
  /** The Secret data key Kyverno and cosign read a Secret-backed public key from. */
  public static readonly SECRET_DATA_KEY = SIGNING_SECRET_KEYS.publicKey;

  /**
   * Use an inline PEM public key (the contents of `cosign.pub`).
   *
   * The key is parsed and re-encoded as canonical PKIX PEM (`PUBLIC KEY`, 64-column lines,
   * trailing newline), so indentation or CRLF line ends do not change the output.
   *
   * @throws PolicyError `POLICY_PRIVATE_KEY_GIVEN` when the text holds a private key (the message
   *   never repeats it), `POLICY_INVALID_PUBLIC_KEY` when it is not exactly one PEM public key.
   */
  public static fromPem(pem: string): CosignPublicKey {
    if (containsPrivateKey(pem)) {
      throw new PolicyError(
        'POLICY_PRIVATE_KEY_GIVEN',
        'CosignPublicKey.fromPem was given a private key: pass the contents of cosign.pub, never cosign.key ' +
          '(if the private key was committed or shared, rotate the key pair)',
      );
    }
    const blocks = pemLabels(pem);
    const label = blocks[0];
    if (blocks.length !== 1 || (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY')) {
      throw new PolicyError(
        'POLICY_INVALID_PUBLIC_KEY',
        'CosignPublicKey.fromPem expects exactly one PEM block labelled PUBLIC KEY (the contents of cosign.pub); ' +
          `found ${blocks.length === 0 ? 'no PEM block' : `${blocks.length} block(s), the first labelled '${label ?? '?'}'`}`,
      );
    }
    let key: KeyObject;
    try {
      key = createPublicKey({ key: dedent(pem), format: 'pem' });
    } catch {
      throw new PolicyError(
        'POLICY_INVALID_PUBLIC_KEY',
        'CosignPublicKey.fromPem could not parse the PEM public key: check that cosign.pub was copied whole',
      );
    }
    const canonical = key.export({ type: 'spki', format: 'pem' }).toString();
    return new CosignPublicKey(canonical, undefined, defaultHashFor(key));
  }

  /**
   * Use a public key stored in a cluster Secret under the `cosign.pub` key, the layout that
   * `signet generate-key-pair k8s://<namespace>/<name>` (and cosign) create.
   *
   * Kyverno reads it through a `k8s://<namespace>/<name>` key reference, so its service account
   * needs `get` on that Secret. Sigstore policy-controller accepts only Secrets in its own namespace
   * that hold exactly one entry (see `PolicyControllerClusterImagePolicy`).
   *
   * @throws PolicyError `POLICY_INVALID_PUBLIC_KEY` when the namespace or name is not a valid Kubernetes name.
   */
  public static fromSecret(ref: PublicKeySecretReference): CosignPublicKey {
    if (!isDnsLabel(ref.namespace) || !isDnsSubdomain(ref.name)) {
      throw new PolicyError(
        'POLICY_INVALID_PUBLIC_KEY',
        `CosignPublicKey.fromSecret needs a valid namespace and Secret name, got '${ref.namespace}/${ref.name}': ` +
          'use lower-case DNS-1123 names',
      );
    }
    return new CosignPublicKey(undefined, { namespace: ref.namespace, name: ref.name }, HashAlgorithm.SHA256);
  }

  /**
   * The public half of a signing key, however the key is delivered (`SigningKeySecret`, `fromSecretName`,
   * `SigningKeyExternalSecret`, `SigningKeySealedSecret`).
   *
   * The verify task mounts only the Secret's `cosign.pub` entry. Admission policies use the PEM when the key
   * knows it at synth time (`publicKeyPem`), else the Secret by `k8s://<namespace>/<name>` when its namespace
   * is known; with neither they refuse it and ask for {@link CosignPublicKey.fromPem}.
   */
  public static fromSigningKeySecret(secret: ISigningKeySecret): CosignPublicKey {
    const items = secret.toSecretVolume().volume.secret?.items;
    if (items !== undefined && !items.some((item) => item.key === SIGNING_SECRET_KEYS.publicKey)) {
      throw new PolicyError(
        'POLICY_INVALID_PUBLIC_KEY',
        `CosignPublicKey.fromSigningKeySecret: secret '${secret.secretName}' has no ${SIGNING_SECRET_KEYS.publicKey} entry; ` +
          'give the signing key its public key (publicKey / encryptedPublicKey) or use CosignPublicKey.fromPem(<contents of cosign.pub>)',
      );
    }
    const inline = secret.publicKeyPem === undefined ? undefined : CosignPublicKey.fromPem(secret.publicKeyPem);
    const ref = inline === undefined && secret.secretNamespace !== undefined ? { namespace: secret.secretNamespace, name: secret.secretName } : undefined;
    return new CosignPublicKey(inline?.pem, ref, inline?.defaultHashAlgorithm ?? HashAlgorithm.SHA256, { signingKeySecretName: secret.secretName });
  }

  /**
   * A ConfigMap in the cluster holding the PEM public key; only the verify task can use it (admission
   * controllers do not read ConfigMaps).
   * @param key - data key of the PEM; `cosign.pub` when omitted
   */
  public static fromConfigMap(configMapName: string, key: string = SIGNING_SECRET_KEYS.publicKey): CosignPublicKey {
    if (!isDnsSubdomain(configMapName)) {
      throw new PolicyError('POLICY_INVALID_PUBLIC_KEY', `CosignPublicKey.fromConfigMap needs a valid ConfigMap name, got '${configMapName}': use a lower-case DNS-1123 name`);
    }
    return new CosignPublicKey(undefined, undefined, HashAlgorithm.SHA256, { configMap: { name: configMapName, key } });
  }

  /** The canonical PEM text when the key is inline; `undefined` for a Secret reference. */
  public readonly pem: string | undefined;

  /** The Secret holding `cosign.pub` when the key is referenced; `undefined` for an inline key. */
  public readonly secret: PublicKeySecretReference | undefined;

  /**
   * The digest cosign pairs with this key by default: SHA-384 for P-384, SHA-512 for P-521,
   * otherwise SHA-256 (also for Secret references, whose key type is unknown at synth time).
   */
  public readonly defaultHashAlgorithm: HashAlgorithm;

  /** The signing-key Secret whose `cosign.pub` the verify task mounts; `undefined` unless built by {@link CosignPublicKey.fromSigningKeySecret}. */
  public readonly signingKeySecretName: string | undefined;

  /** The ConfigMap entry holding the key; `undefined` unless built by {@link CosignPublicKey.fromConfigMap}. */
  public readonly configMap: PublicKeyConfigMapReference | undefined;

  private constructor(
    pem: string | undefined,
    secret: PublicKeySecretReference | undefined,
    hash: HashAlgorithm,
    mount: { signingKeySecretName?: string; configMap?: PublicKeyConfigMapReference } = {},
  ) {
    this.pem = pem;
    this.secret = secret;
    this.defaultHashAlgorithm = hash;
    this.signingKeySecretName = mount.signingKeySecretName;
    this.configMap = mount.configMap;
  }

  /**
   * Throws unless an admission controller can read this key (an inline PEM or a Secret with its namespace).
   * @internal
   */
  public assertAdmissible(where: string): void {
    if (this.pem === undefined && this.secret === undefined) {
      throw new PolicyError(
        'POLICY_INVALID_PUBLIC_KEY',
        `${where}: admission controllers cannot read this public key (${this.configMap ? 'a ConfigMap' : 'a signing-key Secret of unknown namespace'}); ` +
          'pass CosignPublicKey.fromPem(<contents of cosign.pub>) or CosignPublicKey.fromSecret({ namespace, name })',
      );
    }
  }

  /** The cosign key reference `k8s://<namespace>/<name>` for a Secret-backed key; `undefined` for an inline key. */
  public get kubernetesKeyRef(): string | undefined {
    return this.secret ? `k8s://${this.secret.namespace}/${this.secret.name}` : undefined;
  }
}

/** Removes the common indentation a YAML block or template literal may add around the PEM lines. */
function dedent(pem: string): string {
  const lines = pem.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  return `${lines.join('\n')}\n`;
}

function defaultHashFor(key: KeyObject): HashAlgorithm {
  // cosign's default signer/verifier pairs the hash with the curve size.
  switch (key.asymmetricKeyDetails?.namedCurve) {
    case 'secp384r1':
      return HashAlgorithm.SHA384;
    case 'secp521r1':
      return HashAlgorithm.SHA512;
    default:
      return HashAlgorithm.SHA256;
  }
}
