/** In-process `signet` runs for the bad-input corpus, and the checks every failure must pass. */
import { join } from 'node:path';

import { expect } from 'vitest';

import { runCli, type CliIo } from '../../src/signer/cli/index.js';

/** One CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with no TTY, no docker config and the given environment. */
export async function runSignet(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
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

/**
 * A clean failure: the documented exit code, nothing on stdout, exactly one `signet: ` line on stderr,
 * no stack frame, and none of `secrets` (passwords, key bytes) anywhere in the output.
 */
export function expectCleanFailure(run: CliRun, exitCode: number, secrets: readonly string[] = []): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: exitCode, stderr: expect.stringMatching(/^signet: [^\n]+\n$/) });
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toMatch(/\bat .*\.(ts|js|cjs):\d+/);
  for (const secret of secrets) if (secret.length >= 4) expect(run.stderr).not.toContain(secret);
}

/** Decodes the escapes used in the corpus files (`\t`, `\n`, `\uXXXX`). */
export function unescapeCorpusLine(line: string): string {
  return line.replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
