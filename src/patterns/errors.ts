import { SignetError } from '../shared/errors.js';

/** Why a pattern construct refused its input. */
export type PatternErrorCode = 'PATTERN_INVALID_PROPS' | 'PATTERN_MISSING_VALUE' | 'PATTERN_KEY_MISMATCH';

/** Raised by `src/patterns/` with the construct path and the prop to fix. */
export class PatternError extends SignetError<PatternErrorCode> {
  public constructor(code: PatternErrorCode, message: string) {
    super(code, message);
  }
}
