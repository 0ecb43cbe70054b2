import { createPublicKey, type KeyObject } from 'node:crypto';
import { SIGNING_SECRET_KEYS } from '../shared/constants.js';
import { isDnsLabel, isDnsSubdomain } from '../shared/kubernetes-names.js';
import { containsPrivateKey } from './_key-material.js';
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

/**
 * The cosign public key that admission policies verify signatures against.
 *
 * Build it from the same `cosign.pub` the pipeline's key pair produced, either inline
 * ({@link CosignPublicKey.fromPem}, recommended: a public key is safe to keep in Git and needs no
 * cluster RBAC) or as a reference to a Secret in the cluster ({@link CosignPublicKey.fromSecret}).
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
    const blocks = pem.match(/-----BEGIN ([A-Z0-9 ]+)-----/g) ?? [];
    const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
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

  /** The canonical PEM text when the key is inline; `undefined` for a Secret reference. */
  public readonly pem: string | undefined;

  /** The Secret holding `cosign.pub` when the key is referenced; `undefined` for an inline key. */
  public readonly secret: PublicKeySecretReference | undefined;

  /**
   * The digest cosign pairs with this key by default: SHA-384 for P-384, SHA-512 for P-521,
   * otherwise SHA-256 (also for Secret references, whose key type is unknown at synth time).
   */
  public readonly defaultHashAlgorithm: HashAlgorithm;

  private constructor(pem: string | undefined, secret: PublicKeySecretReference | undefined, hash: HashAlgorithm) {
    this.pem = pem;
    this.secret = secret;
    this.defaultHashAlgorithm = hash;
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
