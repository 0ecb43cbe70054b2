/**
 * Synth benchmark: signet's constructs with full validation against raw `ApiObject`s without
 * validation, same YAML, interleaved repetitions in one process, medians.
 *
 * Fairness: both sides build the same objects from scratch in every repetition; the order alternates;
 * a warm-up at the largest size runs first (JIT, module loading, lazy tables); and the heap is collected
 * before every timed run, so that neither side pays for the other's garbage.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { TektonObject } from '../src/constructs/index.js';
import { median, round, timeMs } from './stats.js';
import { buildWithApiObjects, buildWithConstructs, TASKS_PER_PIPELINE } from './synth-programs.js';

/** signet's synth path (src/app/synth.ts): each Tekton object validated once per synth. */
function synthConstructs(pipelines: number): string {
  const app = buildWithConstructs(pipelines);
  return TektonObject.withValidationCache(() => app.synthYaml());
}

/** A user's own `app.synthYaml()` on signet's constructs, without `synthApp` (validation still runs, via cdk8s). */
function synthConstructsDirect(pipelines: number): string {
  return buildWithConstructs(pipelines).synthYaml();
}

function synthApiObjects(pipelines: number): string {
  return buildWithApiObjects(pipelines).synthYaml();
}

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
  /** Median ms: build the tree and `app.synthYaml()` (which runs every validation), the `synthApp` way. */
  readonly constructsMs: number;
  /** Median ms: the same with a plain `app.synthYaml()` (no `withValidationCache`). */
  readonly constructsDirectMs: number;
  readonly apiObjectsMs: number;
  readonly ratio: number;
  /** `constructsDirectMs / apiObjectsMs`. */
  readonly directRatio: number;
  /** Median ms per pipeline, constructs. */
  readonly constructsPerPipelineMs: number;
  readonly constructsDirectPerPipelineMs: number;
  readonly apiObjectsPerPipelineMs: number;
  /** All three programs produced byte-identical YAML (checked up to 1,000 pipelines; the programs do not depend on N otherwise). */
  readonly sameYaml: boolean;
}

const REPETITIONS: Readonly<Record<number, number>> = { 100: 31, 1000: 11, 5000: 5 };
const SIDES = ['constructs', 'direct', 'apiObjects'] as const;
type Side = (typeof SIDES)[number];
const RUN: Readonly<Record<Side, (pipelines: number) => string>> = {
  constructs: synthConstructs,
  direct: synthConstructsDirect,
  apiObjects: synthApiObjects,
};

/** Runs the synth comparison for each size. */
export async function runSynthBench(sizes: readonly number[], log: (line: string) => void): Promise<SynthResult[]> {
  const results: SynthResult[] = [];
  // Warm-up: JIT, module loading and the validator's lazy tables are not what we measure.
  for (let i = 0; i < 3; i += 1) for (const side of SIDES) RUN[side](Math.min(1000, Math.max(...sizes)));
  for (const pipelines of sizes) {
    const repetitions = REPETITIONS[pipelines] ?? 5;
    const sameYaml = pipelines > 1000 || new Set(SIDES.map((side) => RUN[side](pipelines))).size === 1;
    const times: Record<Side, number[]> = { constructs: [], direct: [], apiObjects: [] };
    for (let r = 0; r < repetitions; r += 1) {
      // Rotate the order so that no side always runs first or last.
      for (let k = 0; k < SIDES.length; k += 1) {
        const side = SIDES[(r + k) % SIDES.length] as Side;
        collectGarbage();
        times[side].push(await timeMs(() => RUN[side](pipelines)));
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
      constructsPerPipelineMs: round(c / pipelines, 3),
      constructsDirectPerPipelineMs: round(d / pipelines, 3),
      apiObjectsPerPipelineMs: round(a / pipelines, 3),
      sameYaml,
    };
    log(
      `synth ${pipelines} pipelines: constructs ${result.constructsMs} ms (ratio ${result.ratio}), direct app.synthYaml() ${result.constructsDirectMs} ms (ratio ${result.directRatio}), ApiObjects ${result.apiObjectsMs} ms, same YAML ${sameYaml}`,
    );
    results.push(result);
  }
  return results;
}
