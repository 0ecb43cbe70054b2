/**
 * Errors of the lint engine: input it cannot read or parse (the CLI exits 2 on them).
 */
import { SignetError } from '../shared/errors.js';

/**
 * Codes of {@link LintInputError}.
 *
 * - `LINT_INPUT`: a path does not exist or cannot be read, standard input is unavailable.
 * - `LINT_PARSE`: a file is not YAML or JSON.
 * - `LINT_FLAGS`: the feature-flags file or value is not usable.
 */
export type LintInputErrorCode = 'LINT_INPUT' | 'LINT_PARSE' | 'LINT_FLAGS';

/** Input `signet lint` cannot judge: the message says what, where and what to do, in one line. */
export class LintInputError extends SignetError<LintInputErrorCode> {
  public constructor(message: string, code: LintInputErrorCode = 'LINT_INPUT') {
    super(code, message);
  }
}
