/**
 * The error thrown when a Tekton object must not be written (e.g. by the synth step).
 */
import { SignetError } from '../../shared/errors.js';
import { formatIssue, type ValidationIssue } from './issue.js';

/** Codes of {@link TektonValidationError}. */
export type TektonValidationErrorCode = 'TEKTON_VALIDATION_FAILED';

/**
 * One or more validation errors in a Tekton object. The message is one line naming the object, the
 * number of errors and the first one; `issues` holds all of them (errors and warnings).
 */
export class TektonValidationError extends SignetError<TektonValidationErrorCode> {
  /** Every issue found, in the validator's order. */
  public readonly issues: readonly ValidationIssue[];

  /**
   * @param object what failed, e.g. `Pipeline/build-and-sign-app`
   * @param issues the validator's issues; at least one must be an error
   */
  public constructor(object: string, issues: readonly ValidationIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    const summary = first === undefined ? 'no errors' : formatIssue(first);
    super('TEKTON_VALIDATION_FAILED', `${object} has ${errors.length} validation error${errors.length === 1 ? '' : 's'}, first: ${summary}`);
    this.issues = issues;
  }
}
