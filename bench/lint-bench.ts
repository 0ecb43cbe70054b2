/**
 * `signet lint` on the repository's catalog/ and dist/ with the bundled CLI, against the same CLI's
 * start-up (`--help`) in the same run, interleaved: the difference of the medians is lint's own time.
 */
import { execFileSync } from 'node:child_process';

import { median, round, timeMs } from './stats.js';

/** Lint medians in ms and the time after start-up. */
export interface LintResult {
  readonly runs: number;
  readonly lintMs: number;
  readonly helpMs: number;
  /** `lintMs - helpMs`: reading, parsing, validating and printing. */
  readonly afterStartupMs: number;
}

/** Measures `node <cli> lint catalog dist` in `root` against `node <cli> --help`. */
export async function runLintBench(cli: string, root: string, log: (line: string) => void, runs = 11): Promise<LintResult> {
  const lint: number[] = [];
  const help: number[] = [];
  const run = (args: string[]) => () => execFileSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'ignore' });
  await timeMs(run(['lint', 'catalog', 'dist'])); // warm the page cache
  for (let i = 0; i < runs; i += 1) {
    lint.push(await timeMs(run(['lint', 'catalog', 'dist'])));
    help.push(await timeMs(run(['--help'])));
  }
  const result = { runs, lintMs: round(median(lint)), helpMs: round(median(help)), afterStartupMs: round(median(lint) - median(help)) };
  log(`lint: ${JSON.stringify(result)}`);
  return result;
}
