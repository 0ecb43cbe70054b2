import { SignetError } from '../shared/errors.js';

/** Why a value was rejected while building the Tekton model. */
export type TektonModelErrorCode =
  | 'INVALID_NAME'
  | 'DUPLICATE_NAME'
  | 'INVALID_PARAM'
  | 'INVALID_RESULT'
  | 'INVALID_REFERENCE'
  | 'INVALID_SPEC'
  | 'UNSAFE_SCRIPT';

/**
 * A value that cannot become valid Tekton, found while building the model (before any manifest exists).
 *
 * Messages are one line: what is wrong, where, and how to fix it.
 */
export class TektonModelError extends SignetError<TektonModelErrorCode> {
  public constructor(code: TektonModelErrorCode, message: string) {
    super(code, message);
  }
}
