/**
 * A/B of two builds of the signet CLI on first signatures: each run signs a fresh random image with A
 * and with B, alternating who goes first, on the same loopback registry with the same key. Prints the
 * median wall time of each and B/A, as the ratio of the medians and as the median of the runs' ratios.
 * What docs/benchmarks.md quotes for changes of a few percent, which a full `npm run bench` cannot
 * resolve.
 *
 *   node --import tsx bench/ab-cli.ts A/signet.cjs B/signet.cjs [--bundle] [--referrers-api] [--runs 15]
 *
 * A and B are files `node` runs (a launcher from `scripts/bundle.mjs --outfile DIR/signet.cjs`, or any
 * bundle). `--bundle` signs with `--new-bundle-format`; `--referrers-api` uses go-containerregistry's
 * registry (built by scripts/ensure-go-tools.mjs) instead of Debian's docker-registry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createRegistryClient } from '../src/signer/oci/index.js';
import { startReferrersRegistry } from '../test/helpers/referrers-registry.js';
import { pushRandomImage, startRegistry } from '../test/helpers/registry.js';
import { signingSetup } from './signing-setup.js';
import { median } from './stats.js';

const { values, positionals } = parseArgs({
  options: { bundle: { type: 'boolean', default: false }, 'referrers-api': { type: 'boolean', default: false }, runs: { type: 'string', default: '15' } },
  allowPositionals: true,
});
const [a, b] = positionals;
if (a === undefined || b === undefined) {
  console.error('ab-cli: pass two CLI files, A and B; e.g. node --import tsx bench/ab-cli.ts old/signet.cjs new/signet.cjs');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'signet-ab-cli-'));
const registry = values['referrers-api'] ? await startReferrersRegistry() : await startRegistry();
const client = createRegistryClient({ pushIntent: true });
try {
  const { keyPath: key, env } = await signingSetup(work, 'ab');
  const times = { A: [] as number[], B: [] as number[] };
  for (let i = 0; i < Number(values.runs); i += 1) {
    for (const who of i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const repository = `ab/${who.toLowerCase()}`;
      const image = await pushRandomImage(client, { registry: registry.host, repository }, `r${i}`);
      const started = performance.now();
      const run = spawnSync(process.execPath, [who === 'A' ? a : b, 'sign', '--key', key, ...(values.bundle ? ['--new-bundle-format'] : []), `${registry.host}/${repository}@${image.digest}`], { env, encoding: 'utf8' });
      times[who].push(performance.now() - started);
      if (run.status !== 0) throw new Error(`${who} failed (exit ${run.status}): ${run.stderr.trim()}`);
    }
  }
  const ratios = times.B.map((t, i) => t / times.A[i]!);
  const format = `${values.bundle ? 'bundle' : '.sig'}${values['referrers-api'] ? ' (referrers API)' : ''}`;
  console.log(`${format}: A ${median(times.A).toFixed(1)} ms, B ${median(times.B).toFixed(1)} ms, B/A ${(median(times.B) / median(times.A)).toFixed(3)}, median of run ratios ${median(ratios).toFixed(3)}`);
} finally {
  client.close();
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
