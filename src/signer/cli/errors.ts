import { SignetError } from '../../shared/errors.js';

/**
 * Codes of {@link CliError}.
 *
 * - `CLI_USAGE`: unknown flag, missing argument, bad value.
 * - `CLI_PASSWORD`: no password source available, or the prompt failed.
 * - `CLI_FILE`: a file could not be read or written (key, password file, results), or would be overwritten.
 */
export type CliErrorCode = 'CLI_USAGE' | 'CLI_PASSWORD' | 'CLI_FILE';

/** A failure in the command-line layer (flags, files, prompts). */
export class CliError extends SignetError<CliErrorCode> {
  public constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Shorthand for a {@link CliError} with code `CLI_USAGE`. */
export function usageError(message: string): CliError {
  return new CliError('CLI_USAGE', message);
}
