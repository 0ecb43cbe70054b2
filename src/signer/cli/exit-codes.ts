import { SignetError } from '../../shared/errors.js';

/**
 * Exit codes of the `signet` CLI (documented in docs/cli.md). Stable: scripts and Tekton steps
 * branch on them.
 */
export const EXIT_CODES = {
  /** Success. */
  ok: 0,
  /** `verify`: no signature found, or none verified for this image. */
  verificationFailed: 1,
  /** Bad command line: unknown flag, missing argument, invalid image reference. */
  usage: 2,
  /** Key or password problem: unreadable key, wrong password, unsupported key, no password source. */
  key: 3,
  /** Registry or network problem: unreachable, TLS, authentication, denied, unexpected response. */
  registry: 4,
  /** Signing could not complete: concurrent writers kept winning, or the registry holds malformed signature data. */
  signing: 5,
  /** A local file could not be read or written, or would be overwritten. */
  file: 6,
  /** `sign` or `verify`: the image (tag or digest) does not exist in the registry. */
  imageNotFound: 7,
  /** A bug in signet (please report it). */
  internal: 70,
} as const;

/** Maps an error to its exit code by class name and code (no instanceof across layers needed). */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof SignetError)) return EXIT_CODES.internal;
  const code: string = error.code;
  if (code === 'CLI_USAGE' || code === 'REFERENCE_INVALID') return EXIT_CODES.usage;
  if (code === 'CLI_PASSWORD' || code.startsWith('KEY_')) return EXIT_CODES.key;
  if (code === 'CLI_FILE') return EXIT_CODES.file;
  if (code === 'SIGN_IMAGE_NOT_FOUND' || code === 'VERIFY_IMAGE_NOT_FOUND') return EXIT_CODES.imageNotFound;
  // `image build`: an unpinned or unsupported --base is a bad command line; a broken base, layout or runtime is a local file problem
  if (code === 'BASE_NOT_PINNED' || code === 'BASE_UNSUPPORTED') return EXIT_CODES.usage;
  if (code.startsWith('BASE_') || code.startsWith('LAYOUT_') || code.startsWith('TAR_') || code === 'RUNTIME_LIBRARY_MISSING') return EXIT_CODES.file;
  if (code.startsWith('REGISTRY_')) return EXIT_CODES.registry;
  if (code.startsWith('VERIFY_')) return EXIT_CODES.verificationFailed;
  if (code.startsWith('SIGN_') || code.startsWith('FORMAT_')) return EXIT_CODES.signing;
  return EXIT_CODES.internal;
}

/**
 * The one stderr line for an error: `signet: <what> (<where>); <what to do>`. Lower layers write
 * their messages in that shape; unknown errors get a generic line without a stack trace.
 */
export function errorLine(error: unknown): string {
  if (error instanceof SignetError) return `signet: ${oneLine(error.message)}`;
  return 'signet: internal error (unexpected failure); please report it with the command you ran (re-run with SIGNET_DEBUG=1 for details)';
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
