/**
 * Synth benchmark: signet's constructs with full validation against raw `ApiObject`s without
 * validation, same YAML, interleaved repetitions in one process, medians.
 */
import { TektonObject } from '../src/constructs/index.js';
import { buildWithApiObjects, buildWithConstructs, TASKS_PER_PIPELINE } from './synth-programs.js';
import { median, round, timeMs } from './stats.js';

/** signet's synth path (src/app/synth.ts): each Tekton object validated once per synth. */
function synthConstructs(pipelines: number): string {
  const app = buildWithConstructs(pipelines);
  return TektonObject.withValidationCache(() => app.synthYaml());
}

/** One size's result. */
export interface SynthResult {
  readonly pipelines: number;
  readonly tasks: number;
  readonly repetitions: number;
  /** Median ms: build the tree and `app.synthYaml()` (which runs every validation). */
  readonly constructsMs: number;
  readonly apiObjectsMs: number;
  readonly ratio: number;
  /** Median ms per pipeline, constructs. */
  readonly constructsPerPipelineMs: number;
  readonly apiObjectsPerPipelineMs: number;
  /** Both programs produced byte-identical YAML (checked up to 1,000 pipelines; the programs do not depend on N otherwise). */
  readonly sameYaml: boolean;
}

const REPETITIONS: Readonly<Record<number, number>> = { 100: 7, 1000: 5, 5000: 3 };

/** Runs the synth comparison for each size. */
export async function runSynthBench(sizes: readonly number[], log: (line: string) => void): Promise<SynthResult[]> {
  const results: SynthResult[] = [];
  // Warm-up: JIT, module loading and the validator's lazy tables are not what we measure.
  synthConstructs(100);
  buildWithApiObjects(100).synthYaml();
  for (const pipelines of sizes) {
    const repetitions = REPETITIONS[pipelines] ?? 3;
    const sameYaml = pipelines > 1000 || synthConstructs(pipelines) === buildWithApiObjects(pipelines).synthYaml();
    const constructs: number[] = [];
    const raw: number[] = [];
    for (let r = 0; r < repetitions; r += 1) {
      // Alternate the order so that neither side always runs on a warmer heap.
      const order = r % 2 === 0 ? ['c', 'r'] : ['r', 'c'];
      for (const side of order) {
        const ms = await timeMs(() => (side === 'c' ? synthConstructs(pipelines) : buildWithApiObjects(pipelines).synthYaml()));
        (side === 'c' ? constructs : raw).push(ms);
      }
    }
    const c = median(constructs);
    const a = median(raw);
    const result = {
      pipelines,
      tasks: pipelines * TASKS_PER_PIPELINE,
      repetitions,
      constructsMs: round(c),
      apiObjectsMs: round(a),
      ratio: round(c / a, 2),
      constructsPerPipelineMs: round(c / pipelines, 3),
      apiObjectsPerPipelineMs: round(a / pipelines, 3),
      sameYaml,
    };
    log(`synth ${pipelines} pipelines: constructs ${result.constructsMs} ms, ApiObjects ${result.apiObjectsMs} ms, ratio ${result.ratio}, same YAML ${sameYaml}`);
    results.push(result);
  }
  return results;
}
