/**
 * Synth benchmark: signet's constructs with full validation against raw `ApiObject`s without
 * validation, same YAML, interleaved repetitions in one process, medians. The constructs are the
 * compiled package (`lib/`, built by `npm run build`; bench/run.ts builds it first), as a user's
 * `main.ts` loads them from node_modules; tsx transforms only the benchmark's own TypeScript.
 *
 * Fairness: both sides build the same objects from scratch in every repetition; the order alternates;
 * a warm-up at the largest size runs first (JIT, module loading, lazy tables); and the heap is collected
 * before every timed run, so that neither side pays for the other's garbage.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { median, quartiles, round, timeMs } from './stats.js';
import { type ConstructsModule, SYNTH_SIDES, synthSide, type SynthSide, TASKS_PER_PIPELINE } from './synth-programs.js';

/** A full garbage collection, so each timed run starts from the same heap state. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** One size's result. */
export interface SynthResult {
  readonly pipelines: number;
  readonly tasks: number;
  readonly repetitions: number;
  /** Median ms: build the tree, validate the way `synth()`/`synthApp` does (warnings, every construct), then `app.synthYaml()`. */
  readonly constructsMs: number;
  /** Median ms: the same with a plain `app.synthYaml()` (validation only through cdk8s' own passes). */
  readonly constructsDirectMs: number;
  readonly apiObjectsMs: number;
  readonly ratio: number;
  /** `constructsDirectMs / apiObjectsMs`. */
  readonly directRatio: number;
  /**
   * Information only (the verdict uses `ratio`/`directRatio`): the first and third quartiles of the ratios of
   * each rotation round (each side against the baseline run of the same round), which shows how far one
   * round's ratio moves on this machine.
   */
  readonly roundRatioQuartiles: readonly [number, number];
  readonly roundDirectRatioQuartiles: readonly [number, number];
  /** Median ms per pipeline, constructs. */
  readonly constructsPerPipelineMs: number;
  readonly constructsDirectPerPipelineMs: number;
  readonly apiObjectsPerPipelineMs: number;
  /** All three programs produced byte-identical YAML (checked up to 1,000 pipelines; the programs do not depend on N otherwise). */
  readonly sameYaml: boolean;
}

/** The compiled constructs (`lib/constructs`), or an error naming the command that builds them. */
async function compiledConstructs(): Promise<ConstructsModule> {
  const entry = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'lib/constructs/index.js');
  if (!existsSync(entry)) throw new Error(`bench: ${entry} is missing; run npm run build first (npm run bench does)`);
  return (await import(pathToFileURL(entry).href)) as ConstructsModule;
}

/** Quartiles of `side[r] / baseline[r]` over the rounds, rounded for display. */
function roundQuartiles(side: readonly number[], baseline: readonly number[]): readonly [number, number] {
  const [q1, q3] = quartiles(side.map((t, r) => t / (baseline[r] as number)));
  return [round(q1, 2), round(q3, 2)];
}

const REPETITIONS: Readonly<Record<number, number>> = { 100: 31, 1000: 11, 5000: 5 };
/** Runs the synth comparison for each size. */
export async function runSynthBench(sizes: readonly number[], log: (line: string) => void): Promise<SynthResult[]> {
  const results: SynthResult[] = [];
  const signet = await compiledConstructs();
  // Warm-up: JIT, module loading and the validator's lazy tables are not what we measure.
  for (let i = 0; i < 3; i += 1) for (const side of SYNTH_SIDES) synthSide(signet, side, Math.min(1000, Math.max(...sizes)));
  for (const pipelines of sizes) {
    const repetitions = REPETITIONS[pipelines] ?? 5;
    const sameYaml = pipelines > 1000 || new Set(SYNTH_SIDES.map((side) => synthSide(signet, side, pipelines))).size === 1;
    const times: Record<SynthSide, number[]> = { constructs: [], direct: [], apiObjects: [] };
    for (let r = 0; r < repetitions; r += 1) {
      // Rotate the order so that no side always runs first or last.
      for (let k = 0; k < SYNTH_SIDES.length; k += 1) {
        const side = SYNTH_SIDES[(r + k) % SYNTH_SIDES.length] as SynthSide;
        collectGarbage();
        times[side].push(await timeMs(() => synthSide(signet, side, pipelines)));
      }
    }
    const c = median(times.constructs);
    const d = median(times.direct);
    const a = median(times.apiObjects);
    const result: SynthResult = {
      pipelines,
      tasks: pipelines * TASKS_PER_PIPELINE,
      repetitions,
      constructsMs: round(c),
      constructsDirectMs: round(d),
      apiObjectsMs: round(a),
      ratio: round(c / a, 2),
      directRatio: round(d / a, 2),
      roundRatioQuartiles: roundQuartiles(times.constructs, times.apiObjects),
      roundDirectRatioQuartiles: roundQuartiles(times.direct, times.apiObjects),
      constructsPerPipelineMs: round(c / pipelines, 3),
      constructsDirectPerPipelineMs: round(d / pipelines, 3),
      apiObjectsPerPipelineMs: round(a / pipelines, 3),
      sameYaml,
    };
    log(
      `synth ${pipelines} pipelines: constructs ${result.constructsMs} ms (ratio ${result.ratio}, rounds ${result.roundRatioQuartiles.join('–')}), direct app.synthYaml() ${result.constructsDirectMs} ms (ratio ${result.directRatio}, rounds ${result.roundDirectRatioQuartiles.join('–')}), ApiObjects ${result.apiObjectsMs} ms, same YAML ${sameYaml}`,
    );
    results.push(result);
  }
  return results;
}
