/**
 * The `signet.dev/ignore` annotation as validateTektonObject applies it: parsing (newlines and commas, reasons
 * that contain commas), suppressed issues kept as warnings with their reason, and the hatch's own rules.
 */
import { describe, expect, it } from 'vitest';

import { formatIssue, parseSuppressions, validateTektonObject } from '../../../src/tekton/validation/index.js';

const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;
const task = (ignore?: string) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 't', ...(ignore === undefined ? {} : { annotations: { 'signet.dev/ignore': ignore } }) },
  spec: { steps: [{ name: 'a', image: IMAGE, command: ['true'] }, { name: 'a', image: IMAGE, command: ['true'] }] },
});

describe('suppressions', () => {
  it('parses entries separated by newlines or commas; a reason may contain commas', () => {
    expect(parseSuppressions('STEP-1: one, two, three,PT-13: x\n  T-14 : y  ')).toEqual([
      { ruleId: 'STEP-1', reason: 'one, two, three' },
      { ruleId: 'PT-13', reason: 'x' },
      { ruleId: 'T-14', reason: 'y' },
    ]);
  });

  it('turns a suppressed error into a warning that says why, and formats it so', () => {
    const issues = validateTektonObject(task('STEP-1: the second step replaces the first in our fork'));
    const step1 = issues.filter((i) => i.ruleId === 'STEP-1');
    expect(step1).toEqual([expect.objectContaining({ severity: 'warning', suppressed: { reason: 'the second step replaces the first in our fork', severity: 'error' } })]);
    expect(formatIssue(step1[0]!)).toMatch(/ \(suppressed: the second step replaces the first in our fork\)$/);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports SUP-1 for a missing reason or id, SUP-2 for structural rules, SUP-3 for unused entries', () => {
    const ids = (ignore: string) => validateTektonObject(task(ignore)).filter((i) => i.ruleId.startsWith('SUP-') || i.ruleId === 'STEP-1').map((i) => `${i.ruleId}:${i.severity}`);
    expect(ids('STEP-1')).toEqual(['STEP-1:error', 'SUP-1:error']);
    expect(ids('because: reasons')).toEqual(['STEP-1:error', 'SUP-1:error']);
    expect(ids('SCH-3: typo kept\nAPI-1: old')).toEqual(['STEP-1:error', 'SUP-2:error', 'SUP-2:error']);
    expect(ids('STEP-1: fork\nPT-13: stale')).toEqual(['STEP-1:warning', 'SUP-3:warning']);
  });

  it('changes nothing without the annotation', () => {
    expect(validateTektonObject(task()).some((i) => i.suppressed !== undefined || i.ruleId.startsWith('SUP-'))).toBe(false);
  });
});
