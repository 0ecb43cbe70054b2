/** In-process `signet` runs for the bad-input corpus, and the checks every failure must pass. */
import { expect } from 'vitest';

import type { CliRun } from '../helpers/cli.js';

export { type CliRun, runSignet } from '../helpers/cli.js';

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
