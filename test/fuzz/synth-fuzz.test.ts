/**
 * Synth fuzzing: a few hundred seeded random construct programs (test/fuzz/_program-generator.ts).
 * Each must end in one of three ways: a construct error thrown at the call that made the mistake
 * (a SignetError with a code), synth-time validation errors that all carry a rule id, or manifests
 * that pass the official Tekton CRD schemas. Never an invalid manifest, never another exception.
 * The failing seed is in the assertion message; rerun one with FUZZ_SEED=<seed>.
 */
import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';

import { TektonObject } from '../../src/constructs/index.js';
import { formatIssue } from '../../src/tekton/validation/index.js';
import { SignetError } from '../../src/shared/errors.js';
import { SHARED_MISSING, sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';
import { buildRandomProgram } from './_program-generator.js';

const CASES = 300;
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20_260_501);
const RULE_ID = /^\[[A-Z]+(-[A-Z]+)*-\d+\] /;

type Outcome = 'construct-error' | 'validation-errors' | 'valid';

function runCase(seed: number): { outcome: Outcome; detail: string[] } {
  const app = new App();
  const chart = new Chart(app, 'fuzz');
  try {
    buildRandomProgram(chart, seed);
  } catch (error) {
    if (error instanceof SignetError && !error.message.includes('\n')) return { outcome: 'construct-error', detail: [error.code] };
    throw new Error(`seed ${seed}: construct threw a non-signet or multi-line error: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const errors = TektonObject.validateAll(app).filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map(formatIssue);
    const untagged = lines.filter((l) => !RULE_ID.test(l));
    expect(untagged, `seed ${seed}: validation errors without a rule id`).toEqual([]);
    // cdk8s synth must refuse the same app.
    expect(() => app.synth(), `seed ${seed}: synth accepted an app with validation errors`).toThrow();
    return { outcome: 'validation-errors', detail: lines };
  }
  const problems: string[] = [];
  for (const manifest of chart.toJson()) {
    for (const p of validateAgainstCrdSchema(manifest)) problems.push(`${String((manifest as { kind?: string }).kind)}: ${p}`);
  }
  expect(problems, `seed ${seed}: synth passed validation but the manifests break the CRD schemas`).toEqual([]);
  return { outcome: 'valid', detail: [] };
}

describe.skipIf(!sharedAvailable())('synth fuzzing over random construct programs', () => {
  it(`${CASES} programs from seed ${BASE_SEED}: rule-id errors or schema-valid manifests`, () => {
    const counts: Record<Outcome, number> = { 'construct-error': 0, 'validation-errors': 0, valid: 0 };
    const rules = new Map<string, number>();
    for (let i = 0; i < CASES; i += 1) {
      const { outcome, detail } = runCase(BASE_SEED + i);
      counts[outcome] += 1;
      for (const d of detail) {
        const id = /^\[([^\]]+)\]/.exec(d)?.[1] ?? d;
        rules.set(id, (rules.get(id) ?? 0) + 1);
      }
    }
    // The generator must exercise all three outcomes, or the test proves little.
    expect(counts.valid, JSON.stringify(counts)).toBeGreaterThan(CASES / 10);
    expect(counts['validation-errors'], JSON.stringify(counts)).toBeGreaterThan(CASES / 20);
    expect(counts['construct-error'], JSON.stringify(counts)).toBeGreaterThan(CASES / 20);
    console.log(`synth fuzz: ${JSON.stringify(counts)}; rules/codes hit: ${[...rules.keys()].sort().join(' ')}`);
  });
});

describe.skipIf(sharedAvailable())('synth fuzzing (skipped)', () => {
  it.skip(SHARED_MISSING, () => undefined);
});
