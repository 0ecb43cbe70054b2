/** CLI start-up: `node <bundle> --help` against bare `node -e 0`, interleaved, medians. */
import { execFileSync } from 'node:child_process';

import { median, round, timeMs } from './stats.js';

/** Start-up medians in ms and their ratio. */
export interface StartupResult {
  readonly runs: number;
  readonly bundleHelpMs: number;
  readonly bareNodeMs: number;
  readonly ratio: number;
}

/** Measures the start-up of the bundled CLI file `cli`. */
export async function runStartupBench(cli: string, log: (line: string) => void, runs = 21): Promise<StartupResult> {
  const bundle: number[] = [];
  const bare: number[] = [];
  const run = (args: string[]) => () => execFileSync(process.execPath, args, { stdio: 'ignore' });
  await timeMs(run(['-e', '0'])); // warm the page cache
  for (let i = 0; i < runs; i += 1) {
    bundle.push(await timeMs(run([cli, '--help'])));
    bare.push(await timeMs(run(['-e', '0'])));
  }
  const result = { runs, bundleHelpMs: round(median(bundle)), bareNodeMs: round(median(bare)), ratio: round(median(bundle) / median(bare), 2) };
  log(`start-up: ${JSON.stringify(result)}`);
  return result;
}
