import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORTED_RULE_IDS, RULES, SIGNET_RULE_IDS } from '../../../src/tekton/validation/rules.js';
import { ALL_CASES } from './cases.js';

const CHECKLIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/docs/tekton-validation.md');

describe('rule coverage', () => {
  it('lists each rule once', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.skipIf(!existsSync(CHECKLIST))('lists exactly the rules of the checklist (../shared/docs/tekton-validation.md)', () => {
    const documented = [...readFileSync(CHECKLIST, 'utf8').matchAll(/^\| ([A-Z]+-[A-Z0-9]+) \|/gm)].map((m) => m[1]);
    expect(RULES.map((r) => r.id).filter((id) => !SIGNET_RULE_IDS.has(id))).toEqual(documented);
  });

  it('has a failing test for every implemented rule', () => {
    const tested = new Set(ALL_CASES.map((c) => c.id));
    expect([...REPORTED_RULE_IDS].filter((id) => !tested.has(id))).toEqual([]);
  });

  it('only tests rules it claims to implement', () => {
    expect(ALL_CASES.map((c) => c.id).filter((id) => !REPORTED_RULE_IDS.has(id))).toEqual([]);
  });

  it('reports "reported-as" rules under implemented ids, and gives a reason for every gap', () => {
    for (const rule of RULES) {
      if (rule.status === 'reported-as') expect(rule.as.every((id) => REPORTED_RULE_IDS.has(id)), rule.id).toBe(true);
      if (rule.status === 'not-implemented') expect(rule.reason.length, rule.id).toBeGreaterThan(20);
    }
  });

  it('implements the large majority of the checklist', () => {
    const covered = RULES.filter((r) => r.status !== 'not-implemented').length;
    expect(covered).toBeGreaterThanOrEqual(135);
  });
});
