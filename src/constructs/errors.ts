import { SignetError } from '../shared/errors.js';

/** Why a construct rejected its input. */
export type TektonConstructErrorCode =
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
 */
export class TektonConstructError extends SignetError<TektonConstructErrorCode> {
  public constructor(code: TektonConstructErrorCode, message: string) {
    super(code, message);
  }
}

/** The failure `cdk8s synth` reports when Tekton validation finds errors: one line per issue. */
export class TektonValidationError extends SignetError<'TEKTON_VALIDATION_FAILED'> {
  /** One formatted line per error, each starting with the construct path. */
  public readonly errors: readonly string[];

  public constructor(errors: readonly string[]) {
    super('TEKTON_VALIDATION_FAILED', `tekton validation failed with ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
    this.errors = errors;
  }
}
