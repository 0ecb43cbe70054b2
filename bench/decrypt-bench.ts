/**
 * Key decryption in-process, without runtime start-up: signet's `decryptPrivateKey` (the
 * WebAssembly SIMD scrypt, and node:crypto's as before) against cosign's own code
 * (bench/cosign-decrypt: go-securesystemslib's `encrypted` + golang.org/x/crypto's scrypt at
 * cosign v3.1.3's versions), in one run, interleaved with the order rotating each round.
 *
 * Every round starts one fresh process per contender that decrypts the same key file COUNT times
 * and reports wall and process CPU per decryption: the first is the cold decryption a
 * `signet sign` / `cosign sign` process does; the others show the warm cost.
 *
 *   node --import tsx bench/decrypt-bench.ts [ROUNDS]    # on its own; npm run bench runs it too
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateKeyPair } from '../src/signer/keys/index.js';
import { toolPath } from '../scripts/ensure-go-tools.mjs';
import { median, round } from './stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'bench-password';
const COUNT = 4;

/** Medians (ms) of one contender. */
export interface DecryptTimes {
  /** The first decryption of each fresh process: wall and process CPU. */
  readonly coldWallMs: number;
  readonly coldCpuMs: number;
  /** Decryptions 2..COUNT of each process, wall. */
  readonly warmWallMs: number;
}

/** One key's comparison. */
export interface DecryptRow {
  readonly N: number;
  /** Where the key came from. */
  readonly key: string;
  readonly signetWasm: DecryptTimes;
  readonly signetNode: DecryptTimes;
  readonly cosign: DecryptTimes;
  /** signet (WebAssembly SIMD) cold wall / cosign cold wall; ≤ 1 means signet is at least as fast. */
  readonly ratio: number;
  /** The same for process CPU time (all threads), which a busy machine distorts less than wall time. */
  readonly cpuRatio: number;
  /** The wall ratio for node:crypto's scrypt (signet before this change). */
  readonly nodeRatio: number;
}

/** What the decryption bench measured, or why it did not run. */
export type DecryptComparison = { readonly rounds: number; readonly count: number; readonly rows: readonly DecryptRow[] } | { readonly skipped: string };

interface Sample {
  readonly wallMs: readonly number[];
  readonly cpuMs: readonly number[];
}

type Contender = 'signetWasm' | 'signetNode' | 'cosign';
const CONTENDERS: readonly Contender[] = ['signetWasm', 'signetNode', 'cosign'];

/** Runs the comparison for a signet-written N=32768 key and, when cosign v3 is built, a cosign-written N=65536 key. */
export async function runDecryptBench(workDir: string, log: (line: string) => void, rounds: number): Promise<DecryptComparison> {
  const goTimer = toolPath('cosign-decrypt');
  if (!existsSync(goTimer)) return { skipped: 'bench/cosign-decrypt is not built; run node scripts/ensure-go-tools.mjs cosign-decrypt' };
  const timer = join(workDir, 'decrypt-timer.cjs');
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--entry', 'bench/decrypt-timer.ts', '--outfile', timer], { cwd: ROOT, stdio: 'ignore' });
  const env = { PATH: process.env.PATH ?? '', HOME: workDir, COSIGN_PASSWORD: PASSWORD };

  const keys: Array<{ N: number; key: string; path: string }> = [];
  const signetKey = join(workDir, 'decrypt-32768.key');
  writeFileSync(signetKey, (await generateKeyPair(new TextEncoder().encode(PASSWORD), 'cosign')).privateKeyPem, { mode: 0o600 });
  keys.push({ N: 32768, key: 'signet generate-key-pair (cosign format)', path: signetKey });
  const cosign = toolPath('cosign-v3');
  if (existsSync(cosign)) {
    const dir = mkdtempSync(join(workDir, 'cosign-key-'));
    execFileSync(cosign, ['generate-key-pair'], { cwd: dir, env, stdio: 'ignore' });
    keys.push({ N: 65536, key: 'cosign v3 generate-key-pair', path: join(dir, 'cosign.key') });
  }

  const run = (who: Contender, keyPath: string): Sample => {
    const [file, extra] = who === 'cosign' ? [goTimer, {}] : [process.execPath, who === 'signetNode' ? { SIGNET_SCRYPT: 'node' } : {}];
    const args = who === 'cosign' ? [keyPath, String(COUNT)] : [timer, keyPath, String(COUNT)];
    return JSON.parse(execFileSync(file, args, { env: { ...env, ...extra }, encoding: 'utf8' })) as Sample;
  };

  const rows: DecryptRow[] = [];
  for (const { N, key, path } of keys) {
    const samples: Record<Contender, Sample[]> = { signetWasm: [], signetNode: [], cosign: [] };
    for (let i = 0; i < rounds; i += 1) {
      for (let k = 0; k < CONTENDERS.length; k += 1) {
        const who = CONTENDERS[(i + k) % CONTENDERS.length]!;
        samples[who].push(run(who, path));
      }
    }
    const times = (who: Contender): DecryptTimes => ({
      coldWallMs: round(median(samples[who].map((s) => s.wallMs[0]!))),
      coldCpuMs: round(median(samples[who].map((s) => s.cpuMs[0]!))),
      warmWallMs: round(median(samples[who].flatMap((s) => s.wallMs.slice(1)))),
    });
    const row = { N, key, signetWasm: times('signetWasm'), signetNode: times('signetNode'), cosign: times('cosign') };
    rows.push({
      ...row,
      ratio: round(row.signetWasm.coldWallMs / row.cosign.coldWallMs, 2),
      cpuRatio: round(row.signetWasm.coldCpuMs / row.cosign.coldCpuMs, 2),
      nodeRatio: round(row.signetNode.coldWallMs / row.cosign.coldWallMs, 2),
    });
    log(`key decryption in-process, N=${N}: ${JSON.stringify(rows.at(-1))}`);
  }
  return { rounds, count: COUNT, rows };
}

/** Markdown rows for bench/run.ts's table. */
export function decryptRows(result: DecryptComparison): string[] {
  if ('skipped' in result) return [`| key decryption in-process vs cosign's own code | not run: ${result.skipped} | | | |`];
  return result.rows.flatMap((row) => {
    const what = `key decryption in-process (scrypt N=${row.N}, ${row.key}), first in a fresh process, median of ${result.rounds} interleaved`;
    const cosign = `cosign's own code (go-securesystemslib + x/crypto scrypt) ${row.cosign.coldWallMs} ms (CPU ${row.cosign.coldCpuMs} ms)`;
    return [
      `| ${what}: signet, WebAssembly SIMD scrypt | ${row.signetWasm.coldWallMs} ms (CPU ${row.signetWasm.coldCpuMs} ms) | ${cosign} | ${row.ratio} / ≤ 1.0 (CPU ${row.cpuRatio}) | ${row.ratio <= 1 ? 'meets' : '**misses**'} |`,
      `| ${what}: signet, node:crypto scrypt (before) | ${row.signetNode.coldWallMs} ms (CPU ${row.signetNode.coldCpuMs} ms) | same run | ${row.nodeRatio} | |`,
      `| key decryption in-process (N=${row.N}), warm: decryptions 2–${result.count} of each process | WebAssembly SIMD ${row.signetWasm.warmWallMs} ms, node:crypto ${row.signetNode.warmWallMs} ms | cosign's own code ${row.cosign.warmWallMs} ms | | |`,
    ];
  });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const work = mkdtempSync(join(tmpdir(), 'signet-decrypt-bench-'));
  try {
    const result = await runDecryptBench(work, (line) => void process.stderr.write(`bench: ${line}\n`), Number(process.argv[2] ?? 7));
    process.stdout.write(`${decryptRows(result).join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
