import { AdmissionMode } from './admission-mode.js';
import type { KyvernoImageVerificationOptions } from './image-signature-policy-options.js';
import { PolicyError } from './errors.js';

/** Resolved digest and webhook settings for a Kyverno image-verification policy (internal). */
export interface KyvernoSettings {
  readonly enforce: boolean;
  readonly mutateDigest: boolean;
  readonly verifyDigest: boolean;
  readonly webhookTimeoutSeconds: number;
}

/**
 * Applies the defaults and the rules Kyverno's policy webhook enforces, so a bad combination fails
 * at synth time rather than when the GitOps tool applies the policy.
 */
export function resolveKyvernoSettings(
  mode: AdmissionMode,
  options: KyvernoImageVerificationOptions,
  where: string,
): KyvernoSettings {
  const enforce = mode === AdmissionMode.ENFORCE;
  // mutateDigest defaults to true in the CRD; Kyverno rejects it for Audit (pkg/validation/policy/validate.go),
  // so the generator always writes it explicitly.
  const mutateDigest = options.mutateDigest ?? enforce;
  if (mutateDigest && !enforce) {
    throw new PolicyError(
      'POLICY_INVALID_OPTION',
      `${where}: mutateDigest cannot be true for an audit-only policy (Kyverno rejects it): ` +
        'drop mutateDigest or use mode AdmissionMode.ENFORCE',
    );
  }
  const verifyDigest = options.verifyDigest ?? mutateDigest;
  const webhookTimeoutSeconds = options.webhookTimeoutSeconds ?? 30;
  if (!Number.isInteger(webhookTimeoutSeconds) || webhookTimeoutSeconds < 1 || webhookTimeoutSeconds > 30) {
    throw new PolicyError(
      'POLICY_INVALID_OPTION',
      `${where}: webhookTimeoutSeconds must be a whole number from 1 to 30, got ${webhookTimeoutSeconds}`,
    );
  }
  return { enforce, mutateDigest, verifyDigest, webhookTimeoutSeconds };
}

