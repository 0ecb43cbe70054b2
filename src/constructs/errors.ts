import { SignetError } from '../shared/errors.js';
import type { ValidationIssue } from '../tekton/validation/issue.js';

/** Why a construct rejected its input. */
export type TektonConstructErrorCode =
  | 'INVALID_NAME'
  | 'DUPLICATE_NAME'
  | 'UNKNOWN_PARAM'
  | 'MISSING_PARAM'
  | 'UNKNOWN_RESULT'
  | 'UNKNOWN_TASK'
  | 'UNKNOWN_WORKSPACE'
  | 'MISSING_WORKSPACE'
  | 'INVALID_PROPS'
  | 'UNSAFE_SCRIPT'
  | 'PRIVATE_KEY_IN_MANIFEST';

/**
 * A construct was given something Tekton would reject, or something unsafe to commit; thrown eagerly, at the
 * call that caused it, with the construct path in the message.
 *
 * When a Tekton validation rule covers the mistake, the message carries that rule's id, path, message and fix,
 * as the synth-time validation and `signet lint` report the same mistake in YAML, and `issue` holds it.
 */
export class TektonConstructError extends SignetError<TektonConstructErrorCode> {
  /**
   * The validation issue behind the error.
   * @default - not set: no Tekton validation rule covers the mistake (a construct-only check)
   */
  public readonly issue?: ValidationIssue;

  public constructor(code: TektonConstructErrorCode, message: string, issue?: ValidationIssue) {
    super(code, message);
    if (issue !== undefined) this.issue = issue;
  }
}
