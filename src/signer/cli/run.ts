import { SIGNER_COMMANDS } from '../../shared/constants.js';
import { CliError, usageError } from './errors.js';
import { errorLine, exitCodeFor, EXIT_CODES } from './exit-codes.js';
import { HELP_TEXT } from './help.js';
import type { CliIo } from './io.js';
import { SIGNET_VERSION } from './version.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Commands load on first use: `--help`, `--version` and usage errors then start without evaluating the
 * crypto, TLS and registry modules (the bundler keeps dynamic imports lazy), which keeps the step's
 * start-up close to a bare `node`.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  [SIGNER_COMMANDS.generateKeyPair]: async () => (await import('./commands/generate-key-pair.js')).generateKeyPairCommand,
  [SIGNER_COMMANDS.sign]: async () => (await import('./commands/sign.js')).signCommand,
  [SIGNER_COMMANDS.verify]: async () => (await import('./commands/verify.js')).verifyCommand,
  [SIGNER_COMMANDS.publicKey]: async () => (await import('./commands/public-key.js')).publicKeyCommand,
  [SIGNER_COMMANDS.lint]: async () => (await import('./commands/lint.js')).lintCommand,
  [SIGNER_COMMANDS.init]: async () => (await import('./commands/init.js')).initCommand,
  [SIGNER_COMMANDS.image]: async () => (await import('./commands/image.js')).imageCommand,
};

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code. Errors are
 * printed as one line on stderr; nothing throws out of here.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      (first === undefined ? io.stderr : io.stdout)(HELP_TEXT);
      return first === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    if (first === '--version' || first === 'version') {
      io.stdout(`signet ${SIGNET_VERSION}\n`);
      return EXIT_CODES.ok;
    }
    const loadCommand = COMMANDS[first];
    if (loadCommand === undefined) throw usageError(`unknown command "${first}"; run signet --help for the commands`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP_TEXT);
      return EXIT_CODES.ok;
    }
    const command = await loadCommand();
    return await command(rest, io);
  } catch (error) {
    const normalised = normaliseParseArgsError(error);
    io.stderr(`${errorLine(normalised)}\n`);
    if (exitCodeFor(normalised) === EXIT_CODES.internal && io.env.SIGNET_DEBUG === '1' && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return exitCodeFor(normalised);
  }
}

/** node:util parseArgs throws TypeErrors with `ERR_PARSE_ARGS_*` codes: they are usage errors. */
function normaliseParseArgsError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    // Keep the first sentence: node's hint about "--" is noise for signet's flags.
    const message = ((error as Error).message.split('\n')[0] ?? 'invalid arguments').split('. ')[0]?.replace(/\.$/, '') ?? 'invalid arguments';
    return new CliError('CLI_USAGE', `${lowerFirst(message)} (command line); run signet --help`);
  }
  return error;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
