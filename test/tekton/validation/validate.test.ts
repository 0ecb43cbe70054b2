import { describe, expect, it } from 'vitest';
import { formatIssue, validateTektonObject, type ValidationIssue } from '../../../src/tekton/validation/index.js';
import { TektonValidationError } from '../../../src/tekton/validation/errors.js';
import { ALL_CASES } from './cases.js';
import { validContext, validPipeline, validPipelineRun, validStepAction, validTask, validTaskRun } from './fixtures.js';

const errorsOf = (issues: ValidationIssue[]): string[] => issues.filter((i) => i.severity === 'error').map(formatIssue);

describe('validateTektonObject on valid objects', () => {
  const valid = { Task: validTask, StepAction: validStepAction, Pipeline: validPipeline, PipelineRun: validPipelineRun, TaskRun: validTaskRun };
  for (const [kind, make] of Object.entries(valid)) {
    it(`reports no issue for a valid ${kind}`, () => {
      expect(validateTektonObject(make(), validContext()).map(formatIssue)).toEqual([]);
    });
  }

  it('accepts $(NAME) in args when NAME is an env variable of the step (Kubernetes expands it)', () => {
    const t = validTask();
    t.spec.steps[0].args.push('--key=$(KEY_PATH)');
    expect(validateTektonObject(t, validContext()).map(formatIssue)).toEqual([]);
  });

  it('ignores kinds it does not know', () => {
    expect(validateTektonObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'X_X' } })).toEqual([]);
  });

  it('does not modify its input', () => {
    const p = validPipeline();
    const before = JSON.stringify(p);
    validateTektonObject(p, validContext());
    expect(JSON.stringify(p)).toBe(before);
  });
});

describe('validateTektonObject failing rules', () => {
  for (const c of ALL_CASES) {
    it(`fails ${c.id}: ${c.what}`, () => {
      const issues = validateTektonObject(c.manifest(), c.context ?? validContext());
      const hits = issues.filter((i) => i.ruleId === c.id && c.message.test(i.message));
      expect(hits, `issues were:\n${issues.map(formatIssue).join('\n')}`).not.toHaveLength(0);
      const hit = hits[0] as ValidationIssue;
      expect(hit.severity).toBe(c.severity ?? 'error');
      if (c.path !== undefined) expect(hits.map((h) => h.path)).toContain(c.path);
      expect(hit.message).toMatch(/^[^A-Z].*[^.]$/);
      expect(hit.fix).not.toBe('');
    });
  }
});

describe('a deliberately broken pipeline', () => {
  it('lists every error at once, each with path and fix, in a stable order', () => {
    const p = validPipeline();
    p.spec.tasks[1].params[0].value = '$(tasks.build.results.DIGEST)'; // unknown task result
    p.spec.tasks[0].runAfter = ['sign']; // cycle
    p.spec.tasks[1].params.splice(1, 1);
    p.spec.tasks[1].params.shift(); // missing required param IMAGE
    p.spec.tasks[0].taskSpec.steps.push({ ...p.spec.tasks[0].taskSpec.steps[0] }); // duplicate step name
    p.spec.tasks[1].params.push({ name: 'FLAGS', value: ['$(tasks.build.results.DIGEST)'] });
    const first = validateTektonObject(p, validContext());
    const ids = first.filter((i) => i.severity === 'error').map((i) => i.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['PT-12', 'DAG-3', 'PT-11', 'STEP-1']));
    expect(validateTektonObject(p, validContext())).toEqual(first);
    expect(errorsOf(first).join('\n')).toMatchInlineSnapshot(`
      "[STEP-1] spec.tasks[build].taskSpec.steps: step name "build" is used more than once (value: "build"); give every step a distinct name
      [PT-12] spec.tasks[sign].params[FLAGS].value[0]: task "build" (inline taskSpec) declares no result "DIGEST" (value: "$(tasks.build.results.DIGEST)"); use one of: IMAGE_DIGEST, IMAGE_URL
      [PT-11] spec.tasks[sign].params: param "IMAGE" is required by Task "cosign-sign" but not passed (value: "IMAGE"); pass { name: IMAGE, value: ... }
      [DAG-3] spec.tasks: cycle detected: build -> sign -> build (value: ["build","sign","build"]); remove a runAfter or result reference so the tasks form a DAG"
    `);
  });
});

describe('formatIssue', () => {
  it('renders rule, path, message, value and fix on one line', () => {
    expect(formatIssue({ ruleId: 'T-1', severity: 'error', path: 'spec.steps', message: 'task has no steps', fix: 'add a step' })).toBe('[T-1] spec.steps: task has no steps; add a step');
  });
});

describe('TektonValidationError', () => {
  it('names the object, counts the errors and shows the first on one line', () => {
    const t = validTask();
    t.spec.steps = [];
    const issues = validateTektonObject(t);
    const error = new TektonValidationError('Task/cosign-sign', issues);
    expect(error.code).toBe('TEKTON_VALIDATION_FAILED');
    expect(error.message).toBe('Task/cosign-sign has 1 validation error, first: [T-1] spec.steps: task has no steps; add at least one step');
    expect(error.message).not.toContain('\n');
    expect(error.issues).toEqual(issues);
  });
});
