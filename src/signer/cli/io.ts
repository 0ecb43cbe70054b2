import type { ScryptAhead } from '../keys/index.js';

/** Everything the CLI touches outside its arguments, so tests can run commands in-process. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** The user's home directory (for `~/.docker/config.json`). */
  readonly homeDir: string;
  /** True when standard input is an interactive terminal (password prompts allowed). */
  readonly stdinIsTty: boolean;
  /** Reads a line from the terminal without echo; only called when `stdinIsTty`. */
  promptHidden(question: string): Promise<string>;
  /**
   * Reads all of standard input (`signet lint -`).
   * @default - standard input cannot be read
   */
  readStdin?(): Promise<string>;
  /**
   * The scrypt derivation of the command line's private key, started before the CLI loaded
   * (`key-ahead-start.ts`); a command uses it only for exactly the key and password it decrypts.
   * @default - none: scrypt starts when the command decrypts the key
   */
  readonly keyAhead?: ScryptAhead;
}
