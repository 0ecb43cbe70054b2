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

