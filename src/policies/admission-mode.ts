/**
 * What an admission policy does with an image that fails verification.
 *
 * Each verifier spells it differently; the constructs translate:
 *
 * | mode | Kyverno ImageValidatingPolicy | Kyverno ClusterPolicy | policy-controller |
 * |---|---|---|---|
 * | `enforce` | `validationActions: [Deny]` | `failureAction: Enforce` | `mode: enforce` |
 * | `audit` | `validationActions: [Audit]` | `failureAction: Audit` | `mode: warn` |
 */
export const AdmissionMode = {
  /** Reject the workload. */
  ENFORCE: 'enforce',
  /** Admit the workload and report the failure (Kyverno policy reports, policy-controller warnings). */
  AUDIT: 'audit',
} as const;
/** One of {@link AdmissionMode}. */
export type AdmissionMode = (typeof AdmissionMode)[keyof typeof AdmissionMode];
