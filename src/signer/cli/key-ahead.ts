/**
 * The cheap half of starting the key's scrypt at launch (`key-ahead-start.ts` is the other): whether a
 * command line may decrypt a key, decided without loading the key modules (node:crypto among them),
 * so `signet --help` and the commands that decrypt nothing start as fast as before; and the hand-over
 * from the launcher (`launch.ts`) to the CLI bundle it compiles.
 */
import { SIGNER_COMMANDS } from '../../shared/constants.js';
import type { ScryptAhead } from '../keys/index.js';

/**
 * Where the launcher leaves its derivation for the CLI bundle: two bundles hold two copies of this
 * module in one process, and the global symbol registry is what they share.
 */
const HAND_OVER = Symbol.for('signet.cli.keyAhead');

const DECRYPTING_COMMANDS: ReadonlySet<string> = new Set([SIGNER_COMMANDS.sign, SIGNER_COMMANDS.publicKey]);

/** Whether `argv` (without `node` and the script) names a command that decrypts a private key. */
export function mayDecryptKey(argv: readonly string[]): boolean {
  return argv[0] !== undefined && DECRYPTING_COMMANDS.has(argv[0]);
}

/** Leaves the launcher's derivation (or that there is none) for {@link takeHandedOverKeyAhead}. */
export function handOverKeyAhead(ahead: ScryptAhead | undefined): void {
  (globalThis as Record<symbol, unknown>)[HAND_OVER] = { ahead };
}

/** What the launcher handed over, once; undefined when the CLI bundle runs without the launcher. */
export function takeHandedOverKeyAhead(): { readonly ahead: ScryptAhead | undefined } | undefined {
  const shared = globalThis as Record<symbol, { readonly ahead: ScryptAhead | undefined } | undefined>;
  const handed = shared[HAND_OVER];
  delete shared[HAND_OVER];
  return handed;
}
