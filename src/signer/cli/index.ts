/** The `signet` CLI as a library: run it with an injected io (tests, embedding). */
export { CliError, type CliErrorCode } from './errors.js';
export { errorLine, EXIT_CODES, exitCodeFor } from './exit-codes.js';
export { HELP_TEXT } from './help.js';
export type { CliIo } from './io.js';
export { runCli } from './run.js';
export { SIGNET_VERSION } from './version.js';
export { parseSignArgs, SIGN_ARG_OPTIONS, type SignArgs } from './commands/sign.js';
export { parseVerifyArgs, VERIFY_ARG_OPTIONS, type VerifyArgs } from './commands/verify.js';
