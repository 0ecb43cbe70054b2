import { SignetError } from '../shared/errors.js';

/** Why a policy or GitOps secret construct refused its input. */
export type PolicyErrorCode =
  | 'POLICY_NO_REPOSITORIES'
  | 'POLICY_INVALID_REPOSITORY'
  | 'POLICY_PRIVATE_KEY_GIVEN'
  | 'POLICY_INVALID_PUBLIC_KEY'
  | 'POLICY_INVALID_OPTION'
  | 'SECRET_CLEARTEXT_VALUE'
  | 'SECRET_INVALID_REFERENCE';

/**
 * Raised by the constructs in `src/policies/` when their props cannot produce a policy or secret
 * that the cluster would accept (or that would be unsafe to commit).
 *
 * Messages name the construct path and the offending prop, never the key or password itself.
 */
export class PolicyError extends SignetError<PolicyErrorCode> {
  public constructor(code: PolicyErrorCode, message: string) {
    super(code, message);
  }
}
