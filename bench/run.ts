/**
 * `npm run bench`: synth, signing and start-up benchmarks in one run, bounded to a few minutes on two
 * cores. Prints a Markdown table and writes bench/results/latest.md and latest.json. Every speed claim
 * is a ratio against a baseline measured in this same run, or a count.
 *
 *   npm run bench                 # everything
 *   npm run bench -- --quick      # synth sizes 100 and 1,000 only, fewer runs
 *   npm run bench -- --synth-only # the synth rows only, printed, no results written (with --quick: 100 and 1,000)
 *   npm run bench -- --cosign     # only signet sign vs cosign sign (printed, latest.* left as they are)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runCosignBench, type CosignComparison } from './cosign-bench.js';
import { decryptRows, runDecryptBench, type DecryptComparison } from './decrypt-bench.js';
import { installPackage } from './install-package.js';
import { type LintResult, runLintBench } from './lint-bench.js';
import { runSigningBench, type SigningResult } from './signing-bench.js';
import { runStartupBench, type StartupResult } from './startup-bench.js';
import { runSynthBench, type SynthResult } from './synth-bench.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const synthOnly = process.argv.includes('--synth-only');
const cosignOnly = process.argv.includes('--cosign');
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** Targets from signet issue 5. */
const TARGETS = { synthRatio: 1.25, requestsPerSignature: 8, batch100Ms: 3000, startupRatio: 1.2, lintAfterStartupMs: 1000 } as const;

const verdict = (ok: boolean): string => (ok ? 'meets' : '**misses**');

function table(synth: readonly SynthResult[], signing: SigningResult, startup: StartupResult, lint: LintResult, cosign: CosignComparison, decrypt: DecryptComparison): string {
  const rows: string[] = ['| measure | value | baseline (same run) | ratio / target | verdict |', '|---|---|---|---|---|'];
  for (const s of synth) {
    const size = `${s.pipelines.toLocaleString('en')} pipelines (${s.tasks.toLocaleString('en')} pipeline tasks), median of ${s.repetitions}`;
    const baseline = `raw ApiObjects ${s.apiObjectsMs} ms (${s.apiObjectsPerPipelineMs} ms/pipeline)`;
    const yaml = s.sameYaml ? '' : ' (YAML differs!)';
    rows.push(
      `| synth ${size}, the synthApp way | ${s.constructsMs} ms (${s.constructsPerPipelineMs} ms/pipeline) | ${baseline} | ${s.ratio} / ≤ ${TARGETS.synthRatio}${yaml} (rounds ${s.roundRatioQuartiles.join('–')}) | ${verdict(s.ratio <= TARGETS.synthRatio)} |`,
      `| synth ${size}, plain \`app.synthYaml()\` | ${s.constructsDirectMs} ms (${s.constructsDirectPerPipelineMs} ms/pipeline) | ${baseline} | ${s.directRatio} / ≤ ${TARGETS.synthRatio}${yaml} (rounds ${s.roundDirectRatioQuartiles.join('–')}) | ${verdict(s.directRatio <= TARGETS.synthRatio)} |`,
    );
  }
  rows.push(`| HTTP requests per signature (unsigned image by digest, no auth) | ${signing.requestsPerSignature} | cosign ≈ 16 | ≤ ${TARGETS.requestsPerSignature} | ${verdict(signing.requestsPerSignature <= TARGETS.requestsPerSignature)} |`);
  rows.push(`| HTTP requests per signature, token auth | ${signing.requestsPerSignatureTokenAuth} | | (+1 challenge, +1 token) | |`);
  rows.push(`| one sign: key decryption (scrypt N=32768) | ${signing.keyDecryptionMs} ms | | | |`);
  rows.push(`| one sign: hash + ECDSA P-256 sign | ${signing.hashAndSignMs} ms | | | |`);
  rows.push(`| one sign: registry round trips (8 requests, loopback) | ${signing.registryRoundTripsMs} ms | | | |`);
  rows.push(`| one sign: confirm wait before the re-read (measured: 3 × own read→write window, ≥ 10 ms) | ${signing.confirmWaitMs} ms | | | |`);
  rows.push(`| one \`signet sign\` process (bundled CLI, wall) | ${signing.cliSignProcessMs} ms | | | |`);
  rows.push(`| batch of 100 images, one process, concurrency ${signing.batchConcurrency}, key decrypted once | ${signing.batch100Ms} ms | | ≤ ${TARGETS.batch100Ms} ms | ${verdict(signing.batch100Ms <= TARGETS.batch100Ms)} |`);
  rows.push(...cosignRows(cosign));
  rows.push(...decryptRows(decrypt));
  rows.push(`| CLI start-up: installed \`signet --help\` (npm install of the tarball), median of ${startup.runs} | ${startup.installedHelpMs} ms | \`node -e 0\` ${startup.bareNodeMs} ms | ${startup.ratio} / ≤ ${TARGETS.startupRatio} | ${verdict(startup.ratio <= TARGETS.startupRatio)} |`);
  rows.push(`| \`signet lint catalog dist\` after start-up (bundled CLI, median of ${lint.runs} minus \`--help\`) | ${lint.afterStartupMs} ms | \`--help\` ${lint.helpMs} ms | < ${TARGETS.lintAfterStartupMs} ms (issue 12) | ${verdict(lint.afterStartupMs < TARGETS.lintAfterStartupMs)} |`);
  return `${rows.join('\n')}\n`;
}

/** The rows of the signet-vs-cosign comparison. */
function cosignRows(cosign: CosignComparison): string[] {
  if ('skipped' in cosign) return [`| \`signet sign\` vs \`cosign sign --key\` | not run: ${cosign.skipped} | | | |`];
  const rows: string[] = [];
  for (const format of ['legacy', 'bundle', 'bundleApi'] as const) {
    const c = cosign[format];
    if (c === undefined) continue;
    const what = { legacy: '`.sig` tag', bundle: 'bundle referrer (`--new-bundle-format`), referrers tag schema index', bundleApi: 'bundle referrer on a registry with the referrers API' }[format];
    rows.push(
      `| first signature of a fresh image, ${what}: one \`signet sign\` process (bundled CLI, as the signer image runs it), median of ${cosign.runs} interleaved | ${c.signetMs} ms | \`cosign sign --key\` ${cosign.cosignVersion} offline ${c.cosignMs} ms | ${c.ratio} / ≤ 1.0 | ${verdict(c.ratio <= 1)} |`,
      ...(c.installedMs === undefined || c.installedRatio === undefined
        ? []
        : [`| the same with the installed \`signet\` command (npm install of the tarball; V8 code cache), same runs | ${c.installedMs} ms | cosign ${c.cosignMs} ms | ${c.installedRatio} / ≤ 1.0 | ${verdict(c.installedRatio <= 1)} |`]),
      `| HTTP requests per signature, ${what} (signet, no auth; key decrypting meanwhile, as in the CLI) | ${c.signetRequests} | | | |`,
    );
  }
  rows.push(`| key decryption (scrypt N=32768): \`public-key\` process, median of ${cosign.runs} (start-up included) | ${cosign.decryptSignetMs} ms | cosign ${cosign.decryptCosignMs} ms | ${cosign.decryptRatio} | information |`);
  return rows;
}

// The synth bench measures the compiled package (lib/), what users import: build it from this tree first.
if (!cosignOnly) execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

if (synthOnly) {
  await runSynthBench(quick ? [100, 1000] : [100, 1000, 5000], log);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'signet-bench-'));
try {
  const cli = join(work, 'signet.cjs');
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--outfile', cli], { cwd: ROOT, stdio: 'ignore' });
  if (cosignOnly) {
    const cosign = await runCosignBench(cli, work, log, quick ? 5 : 15);
    process.stdout.write(`| measure | value | baseline (same run) | ratio / target | verdict |\n|---|---|---|---|---|\n${cosignRows(cosign).join('\n')}\n`);
    rmSync(work, { recursive: true, force: true });
    process.exit(0);
  }
  log('packing and installing the package (npm pack, npm install) for the start-up bench');
  const installedBin = installPackage(ROOT, work);
  // Start-up first: later benches grow this process's heap, and every spawn from a big parent costs more.
  const startup = await runStartupBench(installedBin, log, quick ? 11 : 41);
  const synth = await runSynthBench(quick ? [100, 1000] : [100, 1000, 5000], log);
  const signing = await runSigningBench(cli, work, log);
  const lint = await runLintBench(cli, ROOT, log, quick ? 5 : 11);
  const cosign = await runCosignBench(cli, work, log, quick ? 5 : 15, installedBin);
  const decrypt = await runDecryptBench(work, log, quick ? 3 : 7);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
  const markdown = `# signet benchmarks (latest run)\n\n${new Date().toISOString().slice(0, 10)}, ${machine}${quick ? ', --quick' : ''}\n\n${table(synth, signing, startup, lint, cosign, decrypt)}`;
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest.md'), markdown);
  writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify({ machine, quick, targets: TARGETS, synth, signing, startup, lint, cosign, decrypt }, null, 2)}\n`);
  process.stdout.write(markdown);
} finally {
  rmSync(work, { recursive: true, force: true });
}
