/**
 * Tekton objects that reach a chart through cdk8s `Include` or a raw `ApiObject` are validated at synth like
 * signet's own (the issue's reproduction: a Task with duplicate step names and a self-cycling Pipeline used to
 * synthesize silently), and the construct API of the suppression escape hatch.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ApiObject, Chart, Include, Testing } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';

import { foreignTektonObjects, suppressRule, TektonConstructError, validateForeignTektonObjects, watchForeignTektonObjects } from '../../src/constructs/index.js';
import { buildTask, IMAGE } from './_fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('signet-foreign-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DUPLICATE_STEPS = `apiVersion: tekton.dev/v1
kind: Task
metadata: { name: dup }
spec:
  steps:
    - { name: a, image: "${IMAGE}", command: ["true"] }
    - { name: a, image: "${IMAGE}", command: ["true"] }
`;

function appWithForeignObjects() {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const file = join(dir, 'dup.yaml');
  writeFileSync(file, DUPLICATE_STEPS);
  new Include(chart, 'inc', { url: file });
  new ApiObject(chart, 'cycle', { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'cycle' }, spec: { tasks: [{ name: 'x', taskRef: { name: 'build' }, runAfter: ['x'] }] } });
  new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
  return { app, chart };
}

const errors = (issues: ReturnType<typeof validateForeignTektonObjects>): string[] => issues.filter((i) => i.severity === 'error').map((i) => `${i.constructPath} ${i.ruleId} ${i.path}`);

describe('foreign Tekton objects', () => {
  it('finds ApiObjects with a tekton.dev apiVersion that are not signet constructs', () => {
    const { app, chart } = appWithForeignObjects();
    buildTask(chart);
    expect(foreignTektonObjects(app).map((o) => o.node.path)).toEqual(['c/inc/dup-task', 'c/cycle']);
  });

  it('validates them, resolving references to signet\'s own objects', () => {
    const { app, chart } = appWithForeignObjects();
    expect(errors(validateForeignTektonObjects(app))).toEqual(['c/inc/dup-task STEP-1 spec.steps', 'c/cycle DAG-3 spec.tasks']);
    // with the referenced Task present (a signet construct), its required IMAGE param is checked too
    buildTask(chart);
    expect(errors(validateForeignTektonObjects(app))).toContain('c/cycle PT-11 spec.tasks[x].params');
  });

  it('fails synth on them once the app has a signet construct, or when watched explicitly', () => {
    const withConstruct = appWithForeignObjects();
    buildTask(withConstruct.chart);
    expect(() => withConstruct.app.synth()).toThrow(/c\/inc\/dup-task: \[STEP-1\] spec\.steps: step name "a" is used more than once/);
    const plain = appWithForeignObjects();
    watchForeignTektonObjects(plain.app);
    expect(() => plain.app.synth()).toThrow(/c\/cycle: \[DAG-3\]/);
  });

  it('converts v1beta1 objects first', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'old', { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 'old' }, spec: { steps: [{ name: 's', image: IMAGE, resources: { limits: { cpu: '1' } } }] } });
    expect(errors(validateForeignTektonObjects(app))).toEqual([]);
  });
});

describe('suppressing a rule on an object', () => {
  it('renders the annotation; the finding is reported as suppressed and does not fail synth', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const task = buildTask(chart);
    task.addStep({ name: 'privileged', image: IMAGE, command: ['true'], securityContext: { privileged: true } });
    task.suppress('CAT-7', 'buildah needs it here').suppress('T-14', 'CONTEXT is read by a later version');
    expect(task.toJson().metadata.annotations['signet.dev/ignore']).toBe('CAT-7: buildah needs it here\nT-14: CONTEXT is read by a later version');
    const cat7 = task.validateTekton().filter((i) => i.ruleId === 'CAT-7');
    expect(cat7.length).toBeGreaterThan(0);
    expect(cat7.every((i) => i.severity === 'warning' && i.suppressed?.reason === 'buildah needs it here' && i.suppressed.severity === 'warning')).toBe(true);
    expect(task.validateTekton().filter((i) => i.ruleId.startsWith('SUP-'))).toEqual([]);
    app.synth();
  });

  it('suppresses an error so that synth passes, on a foreign object too', () => {
    const { app } = appWithForeignObjects();
    const dup = foreignTektonObjects(app).find((o) => o.name === 'dup') as ApiObject;
    const cycle = foreignTektonObjects(app).find((o) => o.name === 'cycle') as ApiObject;
    suppressRule(dup, 'STEP-1', 'reproduces a reported Tekton bug');
    suppressRule(cycle, 'DAG-3', 'kept to test the controller');
    watchForeignTektonObjects(app);
    expect(errors(validateForeignTektonObjects(app))).toEqual([]);
    expect(validateForeignTektonObjects(app).filter((i) => i.suppressed).map((i) => i.ruleId)).toEqual(['STEP-1', 'DAG-3']);
    app.synth();
  });

  it('refuses a suppression without a reason, a malformed id, and a structural rule', () => {
    const app = Testing.app();
    const task = buildTask(new Chart(app, 'c'));
    expect(() => task.suppress('CAT-7', '  ')).toThrow(TektonConstructError);
    expect(() => task.suppress('CAT-7', '')).toThrow(/the reason is empty/);
    expect(() => task.suppress('cat7', 'x')).toThrow(/not a rule id/);
    expect(() => task.suppress('SCH-3', 'typo on purpose')).toThrow(/SCH-3 cannot be suppressed/);
  });
});
