/**
 * Synth-time validation reuses work within one synth (rendered manifests, lookups, issues) but never across a
 * change to the constructs: these tests pin both halves. Render counts come from a Task that counts its
 * `renderSpec()` calls.
 */
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { type JsonObject } from '../../src/tekton/index.js';
import { Pipeline, Task, TektonObject } from '../../src/constructs/index.js';
import { IMAGE } from './_fixtures.js';

class CountingTask extends Task {
  public renders = 0;
  protected override renderSpec(): JsonObject {
    this.renders += 1;
    return super.renderSpec();
  }
}

function countingTask(scope: Construct, id: string): CountingTask {
  const task = new CountingTask(scope, id);
  task.addParam('X');
  task.addWorkspace('source');
  task.addStep({ name: 'run', image: IMAGE, command: ['true'], workingDir: '$(workspaces.source.path)', args: ['$(params.X)'] });
  return task;
}

/** Three charts; every chart's pipeline runs the Task of chart 0 twice. */
function app(): { app: App; task: CountingTask; pipelines: Pipeline[] } {
  const a = Testing.app();
  const charts = [0, 1, 2].map((i) => new Chart(a, `c${i}`));
  const task = countingTask(charts[0]!, 'shared');
  const pipelines = charts.map((chart) => {
    const p = new Pipeline(chart, 'p');
    const source = p.addWorkspace('source');
    p.addTask('one', { task, params: { X: 'a' }, workspaces: { source } });
    p.addTask('two', { task, params: { X: 'b' }, workspaces: { source } });
    return p;
  });
  return { app: a, task, pipelines };
}

const errorsOf = (o: TektonObject): string[] => o.node.validate();

describe('validation sessions', () => {
  it('renders a referenced Task once per synth, however often cdk8s validates', () => {
    // a plain app.synthYaml() validates the app once, then once per chart; the output reuses the render.
    const direct = app();
    direct.app.synthYaml();
    expect(direct.task.renders).toBe(1);

    // the synthApp way: every object's issues (warnings), every construct's validation, then the synth.
    const full = app();
    TektonObject.validateAll(full.app);
    for (const c of full.app.node.findAll()) c.node.validate();
    full.app.synthYaml();
    expect(full.task.renders).toBe(1);

    // nothing changed: a second synth renders nothing again; a change renders once more.
    direct.app.synthYaml();
    expect(direct.task.renders).toBe(1);
    direct.task.addParam('Z', { default: 'z' });
    direct.app.synthYaml();
    expect(direct.task.renders).toBe(2);
  });

  it('validateAll renders each object once', () => {
    const { app: a, task } = app();
    expect(TektonObject.validateAll(a).filter((i) => i.severity === 'error')).toEqual([]);
    expect(task.renders).toBe(1);
  });

  it('sees a change made between two synths in the same job', () => {
    const { app: a, task } = app();
    expect(() => a.synthYaml()).not.toThrow();
    task.addParam('Y'); // required, and no pipeline passes it
    expect(() => a.synthYaml()).toThrow(/\[PT-11\].*"Y"/);
  });

  it('sees a change made between direct validations of single objects', () => {
    const { app: a, task, pipelines } = app();
    a.synthYaml();
    expect(errorsOf(pipelines[1]!)).toEqual([]);
    task.addWorkspace('cache');
    expect(errorsOf(pipelines[1]!).join('\n')).toMatch(/\[WS-7\].*"cache"/);
    task.addJsonPatch(JsonPatch.remove('/spec/params/0'));
    expect(pipelines[2]!.validateTekton().map((i) => i.ruleId)).toContain('PT-13');
  });

  it('sees a change made between a direct root validation and object validations (no cdk8s pass)', () => {
    const { app: a, task, pipelines } = app();
    a.node.validate(); // the root's validation starts a pass
    errorsOf(task); // the first Tekton object in tree order
    task.addWorkspace('cache');
    expect(errorsOf(pipelines[0]!).join('\n')).toMatch(/\[WS-7\].*"cache"/);
  });

  it('finds referenced objects created after an earlier validation, and not ones removed from the tree', () => {
    const a = new App();
    const chart = new Chart(a, 'c');
    const p = new Pipeline(chart, 'p');
    p.addJsonPatch(JsonPatch.add('/spec/tasks', [{ name: 'one', taskRef: { name: 'later' } }]));
    expect(TektonObject.validateAll(a).filter((i) => i.constructPath === 'c/p' && i.severity === 'error')).toEqual([]);

    const later = new Task(chart, 'later', { params: [{ name: 'NEEDED' }], steps: [{ name: 's', image: IMAGE, args: ['$(params.NEEDED)'] }] });
    expect(errorsOf(p).join('\n')).toMatch(/\[PT-11\].*"NEEDED"/);

    chart.node.tryRemoveChild(later.node.id);
    expect(errorsOf(p)).toEqual([]);
  });

  it('prefers a referenced object in the same namespace, then the first in tree order', () => {
    const a = new App();
    const other = new Chart(a, 'other', { namespace: 'other' });
    const mine = new Chart(a, 'mine', { namespace: 'mine' });
    new Task(other, 'shared', { params: [{ name: 'OTHER' }], steps: [{ name: 's', image: IMAGE, args: ['$(params.OTHER)'] }] });
    new Task(mine, 'shared', { params: [{ name: 'MINE' }], steps: [{ name: 's', image: IMAGE, args: ['$(params.MINE)'] }] });
    const p = new Pipeline(mine, 'p');
    p.addJsonPatch(JsonPatch.add('/spec/tasks', [{ name: 'one', taskRef: { name: 'shared' } }]));
    const q = new Pipeline(new Chart(a, 'none'), 'q');
    q.addJsonPatch(JsonPatch.add('/spec/tasks', [{ name: 'one', taskRef: { name: 'shared' } }]));
    const issues = TektonObject.validateAll(a).filter((i) => i.ruleId === 'PT-11');
    expect(issues.map((i) => [i.constructPath, i.value])).toEqual([
      ['mine/p', 'MINE'],
      ['none/q', 'OTHER'],
    ]);
  });

  it('sees metadata changes: an annotation added after a synth', () => {
    const { app: a, task, pipelines } = app();
    a.synthYaml();
    expect(pipelines[0]!.validateTekton().map((i) => i.ruleId)).toEqual([]);
    task.metadata.addAnnotation('tekton.dev/deprecated', 'true');
    expect(pipelines[0]!.validateTekton().some((i) => i.severity === 'warning' && /deprecated/.test(i.message))).toBe(true);
  });

  it('keeps nothing outside the tree: two apps with the same names validate independently', () => {
    const one = app();
    const two = app();
    two.task.addParam('Y');
    expect(() => one.app.synthYaml()).not.toThrow();
    expect(() => two.app.synthYaml()).toThrow(/\[PT-11\].*"Y"/);
  });

  it('returns the same frozen manifest from toJson() until the object changes', () => {
    const { task } = app();
    const first = task.toJson();
    expect(task.toJson()).toBe(first);
    expect(() => {
      first.spec.description = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(first.spec.steps[0])).toBe(true);
    task.addParam('Y', { default: 'y' });
    expect(task.toJson()).not.toBe(first);
    expect(task.toJson().spec.params.map((p: { name: string }) => p.name)).toEqual(['X', 'Y']);
  });
});
