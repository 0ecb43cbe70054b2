/**
 * A/B of two builds of the `signet` command's start-up: `node A --help`, `node B --help` and `node -e 0`,
 * interleaved, 41 times each, in a minimal environment; prints the medians and each against the bare node.
 *
 *   node --import tsx bench/ab-startup.ts OLD/lib/bin/signet.cjs NEW/lib/bin/signet.cjs
 */
import { spawnSync } from 'node:child_process';

import { median } from './stats.js';

const [a, b] = process.argv.slice(2);
if (a === undefined || b === undefined) {
  console.error('ab-startup: pass two CLI files, A and B; e.g. node --import tsx bench/ab-startup.ts old/signet.cjs lib/bin/signet.cjs');
  process.exit(2);
}
const env = { PATH: process.env.PATH ?? '' };
const runs: Array<[name: string, args: string[]]> = [
  ['A', [a, '--help']],
  ['B', [b, '--help']],
  ['node -e 0', ['-e', '0']],
];
const times = new Map<string, number[]>(runs.map(([name]) => [name, []]));
for (let i = 0; i < 41; i += 1) {
  for (const [name, args] of runs) {
    const started = performance.now();
    spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    times.get(name)!.push(performance.now() - started);
  }
}
const bare = median(times.get('node -e 0')!);
console.log(runs.map(([name]) => `${name} ${median(times.get(name)!).toFixed(1)} ms (${(median(times.get(name)!) / bare).toFixed(3)})`).join(', '));
