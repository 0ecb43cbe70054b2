import type { AdmissionMode } from './admission-mode.js';
import type { CosignPublicKey, HashAlgorithm } from './cosign-public-key.js';

/** Props every signature-verification policy construct shares. */
export interface ImageSignaturePolicyOptions {
  /** The public half of the key pair the pipeline signs with. */
  readonly publicKey: CosignPublicKey;

  /**
   * Image repositories whose images must carry a valid signature, fully qualified and without tag
   * or digest, e.g. `registry.example.com/team/app`. `*` matches within one path segment and `**`
   * across segments (`registry.example.com/team/**`). Must not be empty.
   */
  readonly repositories: readonly string[];

  /**
   * Whether an unsigned image is rejected or only reported.
   * @default AdmissionMode.ENFORCE
   */
  readonly mode?: AdmissionMode;

  /**
   * Digest the signature was made over.
   * @default - the key's default: SHA-256 for P-256 and RSA keys and for Secret references, SHA-384 for P-384, SHA-512 for P-521
   */
  readonly hashAlgorithm?: HashAlgorithm;

  /**
   * `metadata.name` of the policy (policies are cluster-scoped).
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
}

/** Props specific to the two Kyverno policy kinds. */
export interface KyvernoImageVerificationOptions {
  /**
   * Replace image tags with the verified digest at admission, so the kubelet cannot pull other
   * bits than those verified. Kyverno rejects `true` together with an audit-only policy.
   * @default - true when enforcing, false when auditing
   */
  readonly mutateDigest?: boolean;

  /**
   * Require matched images to be referenced by digest (after any digest mutation).
   * @default - the value of `mutateDigest`: with mutation every image carries a digest; without it,
   *   audit reports would flag every tag reference whether signed or not
   */
  readonly verifyDigest?: boolean;

  /**
   * Admission webhook timeout in seconds (1 to 30); signature look-ups need a registry round trip.
   * @default 30
   */
  readonly webhookTimeoutSeconds?: number;
}
