/**
 * The conformance helpers on known-good and known-bad fixtures, so the dist/ test can be trusted.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, validateTektonObject } from '../../src/tekton/validation/index.js';
import { formatLintProblems, lintTektonYaml } from '../helpers/tekton-lint.js';
import { REPO_ROOT, SHARED_MISSING, sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';
import { finder, tektonDocs } from './tekton-manifests.js';

const FIXTURES = resolve(REPO_ROOT, 'test/conformance/fixtures');
const fixture = (name: string): string => resolve(FIXTURES, name);
const only = (file: string): Record<string, unknown> => (tektonDocs(fixture(file))[0] as { manifest: Record<string, unknown> }).manifest;

describe.skipIf(!sharedAvailable())('validateAgainstCrdSchema', () => {
  it('accepts every object of the valid fixture', () => {
    const docs = tektonDocs(fixture('valid/build-and-sign.yaml'));
    expect(docs.map((d) => d.kind)).toEqual(['Task', 'StepAction', 'Pipeline', 'PipelineRun', 'TaskRun']);
    for (const d of docs) expect(validateAgainstCrdSchema(d.manifest), d.where).toEqual([]);
  });

  it('fails an unknown field in a top-level spec', () => {
    expect(validateAgainstCrdSchema(only('invalid/unknown-field-in-spec.yaml'))).toEqual(['/spec: unknown field "param"']);
  });

  it('fails an unknown field inside an embedded taskSpec', () => {
    expect(validateAgainstCrdSchema(only('invalid/unknown-field-in-embedded-task-spec.yaml'))).toEqual(['/spec/tasks/0/taskSpec/steps/0: unknown field "scripts"']);
  });

  it('fails wrong types and missing required fields, including inside a TaskRun taskSpec', () => {
    expect(validateAgainstCrdSchema(only('invalid/wrong-types.yaml'))).toEqual(['/spec/retries: must be integer', '/spec/taskSpec/steps/0: missing required field "name"']);
  });

  it('fails unknown fields in an inline pipelineSpec of a PipelineRun', () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineSpec: { taks: [] } } };
    expect(validateAgainstCrdSchema(run)).toEqual(['/spec/pipelineSpec: unknown field "taks"']);
  });

  it('refuses Tekton apiVersions without a saved schema and ignores other kinds', () => {
    expect(validateAgainstCrdSchema({ apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 't' }, spec: {} })).toEqual([
      '/apiVersion: no schema for tekton.dev/v1beta1/Task; emit tekton.dev/v1',
    ]);
    expect(validateAgainstCrdSchema({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } })).toEqual([]);
  });
});

describe.skipIf(sharedAvailable())('validateAgainstCrdSchema without the Tekton CRDs', () => {
  it.skip(SHARED_MISSING, () => undefined);
});

describe('lintTektonYaml (@ibm/tekton-lint, offline)', () => {
  it('reports no errors on the valid fixture', async () => {
    const result = await lintTektonYaml([fixture('valid/build-and-sign.yaml')]);
    expect(formatLintProblems(result.errors)).toBe('');
  });

  it('reports a required Task param the Pipeline does not pass', async () => {
    const result = await lintTektonYaml([fixture('invalid/missing-param.yaml')]);
    expect(result.errors.map((e) => e.rule)).toContain('no-missing-param');
    expect(result.errors.find((e) => e.rule === 'no-missing-param')?.message).toMatch(/parameter 'IMAGE' is not supplied/);
  });

  it('downgrades a resolver-based taskRef (not findable offline) to a warning', async () => {
    const result = await lintTektonYaml([fixture('valid/remote-task.yaml')]);
    expect(formatLintProblems(result.errors)).toBe('');
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/the task is remote/);
  });
});

describe('validateTektonObject on the fixtures', () => {
  it('finds no errors in the valid fixture', () => {
    const docs = tektonDocs(fixture('valid/build-and-sign.yaml'));
    const context = { findTask: finder(docs, 'Task'), findPipeline: finder(docs, 'Pipeline'), findStepAction: finder(docs, 'StepAction') };
    for (const d of docs) {
      expect(validateTektonObject(d.manifest, context).filter((i) => i.severity === 'error').map(formatIssue), d.where).toEqual([]);
    }
  });

  it('agrees with tekton-lint on the missing param', () => {
    const docs = tektonDocs(fixture('invalid/missing-param.yaml'));
    const pipeline = docs.find((d) => d.kind === 'Pipeline');
    const issues = validateTektonObject(pipeline?.manifest, { findTask: finder(docs, 'Task') });
    expect(issues.map((i) => i.ruleId)).toContain('PT-11');
  });
});

describe('lintTektonYaml edge cases', () => {
  it('returns a warning, not a crash, when nothing has a name to lint', async () => {
    const result = await lintTektonYaml([fixture('valid/generate-name-only.yaml')]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/no named Tekton objects to lint/);
  });
});
