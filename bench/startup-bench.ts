/**
 * CLI start-up: the installed `signet --help` (the package's bin, from an `npm install` of the tarball,
 * started through its `#!/usr/bin/env node` line as a shell would) against bare `node -e 0`,
 * interleaved, medians. The bin's `node` is this process's, first on PATH.
 *
 * Both run with PATH as their only variable: whatever else the calling environment sets is start-up
 * cost Node pays before any of signet's code, the same for both, and it dilutes the ratio (this
 * machine sets NODE_EXTRA_CA_CERTS, which Node 20 parses at every start: `node -e 0` 25–35 ms without
 * it, 75–130 ms with it).
 */
import { execFileSync } from 'node:child_process';
import { dirname, delimiter } from 'node:path';

import { median, round, timeMs } from './stats.js';

/** Start-up medians in ms and their ratio. */
export interface StartupResult {
  readonly runs: number;
  readonly installedHelpMs: number;
  readonly bareNodeMs: number;
  readonly ratio: number;
}

/** Measures the start-up of the installed `signet` bin at `bin`. */
export async function runStartupBench(bin: string, log: (line: string) => void, runs = 21): Promise<StartupResult> {
  const env = { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const installed: number[] = [];
  const bare: number[] = [];
  const runBin = () => execFileSync(bin, ['--help'], { stdio: 'ignore', env });
  const runBare = () => execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore', env });
  await timeMs(runBare); // warm the page cache
  await timeMs(runBin);
  for (let i = 0; i < runs; i += 1) {
    installed.push(await timeMs(runBin));
    bare.push(await timeMs(runBare));
  }
  const result = { runs, installedHelpMs: round(median(installed)), bareNodeMs: round(median(bare)), ratio: round(median(installed) / median(bare), 2) };
  log(`start-up: ${JSON.stringify(result)}`);
  return result;
}
