/**
 * The validator's own tables against Tekton: every valid fixture is admitted by Tekton's webhook,
 * and every "fails <id>" case of test/tekton/validation that models a webhook rule
 * (src/tekton/validation/rules.ts `ruleLevel`) is refused by it too.
 */
import { describe, expect, it } from 'vitest';

import { ruleLevel } from '../../src/tekton/validation/rules.js';
import { ALL_CASES } from '../tekton/validation/cases.js';
import { validPipeline, validPipelineRun, validStepAction, validTask, validTaskRun } from '../tekton/validation/fixtures.js';
import { describeVerdict, tektonVerdicts } from '../helpers/tekton-oracle.js';
import { oracleConfig } from './_differential.js';

describe('the validator tests against Tekton', () => {
  it('Tekton admits every valid fixture', () => {
    const fixtures = [validTask(), validStepAction(), validPipeline(), validPipelineRun(), validTaskRun()];
    const verdicts = tektonVerdicts(fixtures.map((doc) => ({ doc })));
    expect(verdicts.filter((v) => !v.accepted).map((v) => `${v.kind}: ${describeVerdict(v)}`)).toEqual([]);
  });

  it('Tekton refuses every failing case of a webhook rule', () => {
    const cases = ALL_CASES.filter((c) => (c.severity ?? 'error') === 'error' && ruleLevel(c.id) === 'webhook');
    const verdicts = tektonVerdicts(cases.map((c) => ({ doc: c.manifest(), ...oracleConfig(c.context?.featureFlags) })));
    const admitted = cases.flatMap((c, i) => (verdicts[i]?.accepted ? [`fails ${c.id}: ${c.what} — Tekton admits it`] : []));
    expect(admitted).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  });
});
