/**
 * The structural check (SCH-1, SCH-3) in detail; the failing-case tables cover one case of each.
 */
import { describe, expect, it } from 'vitest';

import { formatIssue, validateTektonObject } from '../../../src/tekton/validation/index.js';
import { validContext, validPipeline, validPipelineRun, validTask } from './fixtures.js';

const structural = (m: unknown): string[] =>
  validateTektonObject(m, validContext())
    .filter((i) => i.ruleId === 'SCH-1' || i.ruleId === 'SCH-3')
    .map(formatIssue);

describe('structural checking', () => {
  it('names the closest known field of a misspelt one', () => {
    const t = validTask();
    t.spec.steps[0].scirpt = t.spec.steps[0].script;
    expect(structural(t)).toEqual([
      '[SCH-3] spec.steps[0].scirpt: unknown field "scirpt" (value: "scirpt"); did you mean "script"? remove it or fix its name; Tekton\'s webhook refuses unknown fields',
    ]);
  });

  it('reads a field in another case as Go does, with a warning', () => {
    const t = validTask();
    t.spec.steps[0].Name = t.spec.steps[0].name;
    delete t.spec.steps[0].name;
    const issues = validateTektonObject(t, validContext()).filter((i) => i.ruleId === 'SCH-3');
    expect(issues.map((i) => [i.severity, i.message])).toEqual([['warning', 'field "Name" is read as "name"']]);
  });

  it('accepts null for any field, quantities as numbers, and anything as a param value', () => {
    const t = validTask();
    t.spec.description = null;
    t.spec.steps[0].computeResources = { limits: { cpu: 1, memory: '1Gi' } };
    const p = validPipeline();
    p.spec.tasks[1].params.push({ name: 'COUNT', value: 3 });
    expect(structural(t)).toEqual([]);
    expect(structural(p)).toEqual([]);
  });

  it('checks embedded specs and the core types steps use, not the inside of volumes', () => {
    const p = validPipeline();
    p.spec.tasks[0].taskSpec.steps[0].env = [{ name: 'A', valeu: 'x' }];
    p.spec.tasks[0].taskSpec.steps[0].securityContext = { runAsNonRoot: 'yes' };
    p.spec.tasks[0].taskSpec.volumes = [{ name: 'v', nfs: { anything: true } }];
    expect(structural(p)).toEqual([
      '[SCH-3] spec.tasks[0].taskSpec.steps[0].env[0].valeu: unknown field "valeu" (value: "valeu"); did you mean "value"? remove it or fix its name; Tekton\'s webhook refuses unknown fields',
      '[SCH-1] spec.tasks[0].taskSpec.steps[0].securityContext.runAsNonRoot: expected a boolean, found a string (value: "yes"); write true or false',
    ]);
  });

  it('refuses wrong types with the type found', () => {
    const r = validPipelineRun();
    r.spec.workspaces[0].subPath = 1;
    r.spec.params = { IMAGE: 'x' };
    expect(structural(r)).toEqual([
      '[SCH-1] spec.params: expected a list, found a map (value: {"IMAGE":"x"}); write a list',
      '[SCH-1] spec.workspaces[0].subPath: expected a string, found an integer (value: 1); write a string (quote it)',
    ]);
  });
});
