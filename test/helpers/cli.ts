/** In-process `signet` runs for tests: captured output, no TTY, no docker config unless the test passes one. */
import { join } from 'node:path';

import { runCli, type CliIo } from '../../src/signer/cli/index.js';

/** One CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process in `cwd` (also its home directory), with `DOCKER_CONFIG` pointing at a directory
 * that does not exist unless `env` sets it, and a password prompt that always fails.
 */
export async function runSignet(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { DOCKER_CONFIG: join(cwd, 'no-docker-config'), ...env },
    cwd,
    homeDir: cwd,
    stdinIsTty: false,
    promptHidden: () => Promise.reject(new Error('no tty in tests')),
  };
  const code = await runCli([...args], io);
  return { code, stdout, stderr };
}
