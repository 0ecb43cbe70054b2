import { Construct } from 'constructs';
import { PolicyError } from './errors.js';
import type { ImageSignaturePolicyOptions, KyvernoImageVerificationOptions } from './image-signature-policy-options.js';
import { KyvernoClusterPolicy } from './kyverno-cluster-policy.js';
import { KyvernoImageValidatingPolicy } from './kyverno-image-validating-policy.js';
import { PolicyControllerClusterImagePolicy } from './policy-controller-cluster-image-policy.js';

/** The admission policy kinds {@link SignedImageAdmission} can emit. */
export const AdmissionPolicyKind = {
  /** Kyverno `ImageValidatingPolicy` (`policies.kyverno.io/v1`, Kyverno 1.19+). */
  KYVERNO_IMAGE_VALIDATING_POLICY: 'kyverno-image-validating-policy',
  /** Kyverno `ClusterPolicy` with `verifyImages` (`kyverno.io/v1`, older Kyverno). */
  KYVERNO_CLUSTER_POLICY: 'kyverno-cluster-policy',
  /** Sigstore policy-controller `ClusterImagePolicy` (`policy.sigstore.dev/v1beta1`). */
  POLICY_CONTROLLER_CLUSTER_IMAGE_POLICY: 'policy-controller-cluster-image-policy',
} as const;
/** One of {@link AdmissionPolicyKind}. */
export type AdmissionPolicyKind = (typeof AdmissionPolicyKind)[keyof typeof AdmissionPolicyKind];

/** Props of {@link SignedImageAdmission}. */
export interface SignedImageAdmissionProps extends ImageSignaturePolicyOptions, KyvernoImageVerificationOptions {
  /**
   * Which policies to emit. A cluster rejects a manifest whose CRD is not installed, so pick the
   * ones that match the admission controller the cluster runs.
   * @default - all three kinds
   */
  readonly kinds?: readonly AdmissionPolicyKind[];

  /**
   * Namespace policy-controller runs in (only used for the ClusterImagePolicy).
   * @default 'cosign-system'
   */
  readonly policyControllerNamespace?: string;
}

/**
 * The deploy-side half of signing: from the public key the pipeline signs with and the repositories
 * it pushes to, the admission policies that let only signed images from those repositories run.
 *
 * Emits a {@link KyvernoImageValidatingPolicy}, a {@link KyvernoClusterPolicy} and a
 * {@link PolicyControllerClusterImagePolicy} (or the subset chosen with `kinds`), all verifying
 * legacy cosign signatures with the key and no transparency log. The three share the `name`
 * when one is given (they are different kinds).
 *
 * @example
 * ```ts
 * new SignedImageAdmission(chart, 'signed-only', {
 *   publicKey: CosignPublicKey.fromPem(readFileSync('cosign.pub', 'utf8')),
 *   repositories: ['registry.example.com/team/app'],
 *   kinds: [AdmissionPolicyKind.KYVERNO_IMAGE_VALIDATING_POLICY],
 * });
 * ```
 */
export class SignedImageAdmission extends Construct {
  /** The Kyverno ImageValidatingPolicy, when emitted. */
  public readonly imageValidatingPolicy: KyvernoImageValidatingPolicy | undefined;
  /** The Kyverno ClusterPolicy, when emitted. */
  public readonly clusterPolicy: KyvernoClusterPolicy | undefined;
  /** The policy-controller ClusterImagePolicy, when emitted. */
  public readonly clusterImagePolicy: PolicyControllerClusterImagePolicy | undefined;

  public constructor(scope: Construct, id: string, props: SignedImageAdmissionProps) {
    super(scope, id);
    const known: readonly string[] = Object.values(AdmissionPolicyKind);
    const kinds = new Set(props.kinds ?? Object.values(AdmissionPolicyKind));
    const unknown = [...kinds].filter((kind) => !known.includes(kind));
    if (unknown.length > 0) {
      throw new PolicyError(
        'POLICY_INVALID_OPTION',
        `${this.node.path}: unknown policy kind(s) ${unknown.map((k) => `'${k}'`).join(', ')}: use AdmissionPolicyKind values`,
      );
    }
    if (kinds.size === 0) {
      throw new PolicyError(
        'POLICY_INVALID_OPTION',
        `${this.node.path}: kinds is empty: leave it out for all three policies or name at least one AdmissionPolicyKind`,
      );
    }
    const common: ImageSignaturePolicyOptions = {
      publicKey: props.publicKey,
      repositories: props.repositories,
      mode: props.mode,
      hashAlgorithm: props.hashAlgorithm,
      name: props.name,
    };
    const kyverno: KyvernoImageVerificationOptions = {
      mutateDigest: props.mutateDigest,
      verifyDigest: props.verifyDigest,
      webhookTimeoutSeconds: props.webhookTimeoutSeconds,
    };
    this.imageValidatingPolicy = kinds.has(AdmissionPolicyKind.KYVERNO_IMAGE_VALIDATING_POLICY)
      ? new KyvernoImageValidatingPolicy(this, 'kyverno', { ...common, ...kyverno })
      : undefined;
    this.clusterPolicy = kinds.has(AdmissionPolicyKind.KYVERNO_CLUSTER_POLICY)
      ? new KyvernoClusterPolicy(this, 'kyverno-legacy', { ...common, ...kyverno })
      : undefined;
    this.clusterImagePolicy = kinds.has(AdmissionPolicyKind.POLICY_CONTROLLER_CLUSTER_IMAGE_POLICY)
      ? new PolicyControllerClusterImagePolicy(this, 'policy-controller', {
          ...common,
          policyControllerNamespace: props.policyControllerNamespace,
        })
      : undefined;
  }
}
