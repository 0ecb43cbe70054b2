import type { Construct } from 'constructs';
import { AdmissionMode } from './admission-mode.js';
import { assertObjectName } from './_names.js';
import { PolicyError } from './errors.js';
import { parseRepositoryPatterns, type RepositoryPattern } from './image-repositories.js';
import type { ImageSignaturePolicyOptions, KyvernoImageVerificationOptions } from './image-signature-policy-options.js';

/** Resolved digest and webhook settings for a Kyverno image-verification policy (internal). */
export interface KyvernoSettings {
  readonly enforce: boolean;
  readonly mutateDigest: boolean;
  readonly verifyDigest: boolean;
  readonly webhookTimeoutSeconds: number;
}

/** What both Kyverno policy constructs check and resolve before building their object (internal). */
export interface ResolvedKyvernoPolicy {
  readonly repositories: readonly RepositoryPattern[];
  readonly settings: KyvernoSettings;
}

/**
 * Validates the name and repositories of a Kyverno policy about to be created as `id` under `scope`, and
 * resolves its mode and digest/webhook settings.
 */
export function resolveKyvernoPolicy(
  scope: Construct,
  id: string,
  props: ImageSignaturePolicyOptions & KyvernoImageVerificationOptions,
): ResolvedKyvernoPolicy {
  const where = `${scope.node.path}/${id}`;
  assertObjectName(props.name, where);
  const repositories = parseRepositoryPatterns(props.repositories, where);
  const settings = resolveKyvernoSettings(props.mode ?? AdmissionMode.ENFORCE, props, where);
  return { repositories, settings };
}

/**
 * Applies the defaults and the rules Kyverno's policy webhook enforces, so a bad combination fails
 * at synth time rather than when the GitOps tool applies the policy.
 */
function resolveKyvernoSettings(
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

