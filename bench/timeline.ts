/**
 * Where the time of one first signature goes: signs fresh images with a signet CLI (under
 * bench/timeline-hook.cjs) and with `cosign sign --key` (wall time only), interleaved, on a loopback
 * registry with the same key; prints the median of each mark of signet's timeline (ms since its
 * process started) and both wall times. What docs/benchmarks.md's timelines come from.
 *
 *   node --import tsx bench/timeline.ts build/signer/signet.cjs [--bundle] [--referrers-api] [--runs 11] [--verbose]
 *
 * The hook costs its process a few milliseconds (it wraps two modules): read the wall times as a pair,
 * not against `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { toolPath } from '../scripts/ensure-go-tools.mjs';
import { createRegistryClient } from '../src/signer/oci/index.js';
import { startReferrersRegistry } from '../test/helpers/referrers-registry.js';
import { pushRandomImage, startRegistry } from '../test/helpers/registry.js';
import { cosignSignArgs, signingSetup } from './signing-setup.js';
import { median } from './stats.js';

interface Mark {
  readonly what: string;
  readonly at: number;
  readonly end?: number;
}

const { values, positionals } = parseArgs({
  options: {
    bundle: { type: 'boolean', default: false },
    'referrers-api': { type: 'boolean', default: false },
    runs: { type: 'string', default: '11' },
    verbose: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const [cli] = positionals;
const cosign = toolPath('cosign-v3');
if (cli === undefined || !existsSync(cosign)) {
  console.error('timeline: pass a CLI file (e.g. build/signer/signet.cjs); cosign v3 must be built (node scripts/ensure-go-tools.mjs cosign-v3)');
  process.exit(2);
}
const hook = join(import.meta.dirname, 'timeline-hook.cjs');
const work = mkdtempSync(join(tmpdir(), 'signet-timeline-'));
const registry = values['referrers-api'] ? await startReferrersRegistry() : await startRegistry();
const client = createRegistryClient({ pushIntent: true });
try {
  const { keyPath: key, env } = await signingSetup(work, 'timeline');
  const timelineFile = join(work, 'timeline.json');
  const walls = { signet: [] as number[], cosign: [] as number[] };
  const marks = new Map<string, number[]>();
  const note = (name: string, value: number): void => void (marks.get(name) ?? marks.set(name, []).get(name)!).push(value);
  for (let i = 0; i < Number(values.runs); i += 1) {
    for (const who of i % 2 === 0 ? (['signet', 'cosign'] as const) : (['cosign', 'signet'] as const)) {
      const repository = `timeline/${who}`;
      const image = await pushRandomImage(client, { registry: registry.host, repository }, `r${i}`);
      const ref = `${registry.host}/${repository}@${image.digest}`;
      const args =
        who === 'signet'
          ? ['--require', hook, cli, 'sign', '--key', key, ...(values.bundle ? ['--new-bundle-format'] : []), ref]
          : cosignSignArgs(key, ref, values.bundle);
      const started = performance.now();
      const run = spawnSync(who === 'signet' ? process.execPath : cosign, args, { env: { ...env, SIGNET_TIMELINE_FILE: timelineFile }, encoding: 'utf8' });
      walls[who].push(performance.now() - started);
      if (run.status !== 0) throw new Error(`${who} failed (exit ${run.status}): ${run.stderr.trim()}`);
      if (who === 'cosign') continue;
      const events = JSON.parse(readFileSync(timelineFile, 'utf8')) as Mark[];
      const seen = new Map<string, number>();
      for (const event of events) {
        // the n-th request of a kind is its own row: "PUT … (2)"
        const count = (seen.get(event.what) ?? 0) + 1;
        seen.set(event.what, count);
        const name = count === 1 ? event.what : `${event.what} (${count})`;
        note(`${name} start`, event.at);
        if (event.end !== undefined) note(`${name} end`, event.end);
      }
      if (values.verbose) console.log(events.map((e) => `${e.at.toFixed(1).padStart(7)}${e.end === undefined ? '        ' : ` ${e.end.toFixed(1).padStart(7)}`}  ${e.what}`).join('\n'), '\n');
    }
  }
  const runs = Number(values.runs);
  const rows = [...marks.entries()].filter(([, v]) => v.length >= runs / 2).sort((a, b) => median(a[1]) - median(b[1]));
  for (const [name, v] of rows) console.log(`${median(v).toFixed(1).padStart(7)}  ${name}${v.length < runs ? ` (${v.length} of ${runs} runs)` : ''}`);
  console.log(`wall: signet ${median(walls.signet).toFixed(1)} ms (with the hook), cosign ${median(walls.cosign).toFixed(1)} ms`);
} finally {
  client.close();
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
