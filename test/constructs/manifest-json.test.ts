import { ApiObject, Chart, type IResolver, JsonPatch, Lazy, type ResolutionContext, Testing } from 'cdk8s';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuildAndSignChart } from '../../src/app/index.js';
import { manifestJson } from '../../src/constructs/_manifest-json.js';
import { Pipeline, Task, TektonObject } from '../../src/constructs/index.js';
import { IMAGE } from './_fixtures.js';

/** What cdk8s' own `ApiObject.toJson()` renders for the object, as text (key order included). */
const cdk8sJson = (o: TektonObject): string => JSON.stringify(ApiObject.prototype.toJson.call(o));

function labelledPipeline(chart: Chart): Task {
  const task = new Task(chart, 'labelled-task', { description: 'labels and annotations', metadata: { labels: { b: '2', a: '1' }, annotations: { note: 'x' } } });
  const input = task.addParam('INPUT', { default: '' });
  task.addResult('OUT');
  task.addStep({ name: 'run', image: IMAGE, env: [input.toEnv()], script: '#!/bin/sh\necho "$INPUT" > $(results.OUT.path)\n' });
  task.metadata.addLabel('zz', 'last');
  const pipeline = new Pipeline(chart, 'p', { description: 'uses it' });
  pipeline.addTask('first', { task, params: { INPUT: pipeline.addParam('x') } });
  return task;
}

describe('manifest JSON rendered in one walk', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is exactly what ApiObject.toJson() renders, frozen, without going through it', () => {
    const app = Testing.app();
    new BuildAndSignChart(app, 'build-and-sign-app');
    labelledPipeline(new Chart(app, 'labelled', { namespace: 'ci', labels: { team: 'platform' } }));
    const objects = TektonObject.allIn(app);
    const expected = objects.map(cdk8sJson);
    const viaCdk8s = vi.spyOn(ApiObject.prototype, 'toJson');
    const rendered = objects.map((o) => o.toJson());
    expect(viaCdk8s).not.toHaveBeenCalled();
    expect(rendered.map((m) => JSON.stringify(m))).toEqual(expected);
    for (const m of rendered) expect(Object.isFrozen(m) && Object.isFrozen(m.spec) && Object.isFrozen(m.metadata.labels)).toBe(true);
  });

  it('leaves custom resolvers and JSON patches to cdk8s, with the same result', () => {
    const upper: IResolver = {
      resolve(context: ResolutionContext): void {
        if (context.value === 'stage one') context.replaceValue('STAGE ONE');
      },
    };
    const custom = Testing.app({ resolvers: [upper] });
    labelledPipeline(new Chart(custom, 'custom'));
    const own = new Task(new Chart(custom, 'desc'), 'described', { description: 'stage one' });
    own.addStep({ name: 'run', image: IMAGE, script: 'true' });

    const patchedApp = Testing.app();
    const patched = labelledPipeline(new Chart(patchedApp, 'c'));
    patched.addJsonPatch(JsonPatch.add('/metadata/labels', { patched: 'yes' }));

    const objects = [...TektonObject.allIn(custom), patched];
    const expected = objects.map(cdk8sJson);
    const viaCdk8s = vi.spyOn(ApiObject.prototype, 'toJson');
    expect(objects.map((o) => JSON.stringify(o.toJson()))).toEqual(expected);
    expect(viaCdk8s).toHaveBeenCalledTimes(objects.length);
    expect(JSON.stringify(own.toJson())).toContain('STAGE ONE');
    expect(patched.toJson().metadata.labels).toEqual({ patched: 'yes' });
  });

  it('resolves Lazy values, sorts keys and drops empty entries as cdk8s does; gives up on anything else', () => {
    const nested = Lazy.any({ produce: () => Lazy.any({ produce: () => ({ b: 1, a: [null, 'x'] }) }) });
    const json = manifestJson({ kind: 'Task', apiVersion: 'tekton.dev/v1', spec: { z: nested, y: null, x: undefined, w: false } });
    expect(JSON.stringify(json)).toBe('{"apiVersion":"tekton.dev/v1","kind":"Task","spec":{"w":false,"z":{"a":[null,"x"],"b":1}}}');
    expect(Object.isFrozen((json?.spec as { z: { a: unknown[] } }).z.a)).toBe(true);
    class Quantity {
      public readonly value = '500m';
    }
    for (const odd of [new Quantity(), { resolve: () => 'token' }, () => 'fn', Number.NaN, Object.create(null) as object]) {
      expect(manifestJson({ spec: { value: odd } })).toBeUndefined();
    }
  });
  it('renders name-only metadata without cdk8s resolving it, and anything more through cdk8s, always as cdk8s does', () => {
    const app = Testing.app();
    const plain = new Chart(app, 'plain');
    const spaced = new Chart(app, 'spaced', { namespace: 'ci' });
    const labelled = new Chart(app, 'labelled', { labels: { team: 'platform' } });
    const objects = [
      new Task(plain, 'bare'),
      new Task(plain, 'named', { metadata: { name: 'given', namespace: 'tekton' } }),
      new Task(spaced, 'in-chart-namespace'),
      new Task(labelled, 'with-chart-labels'),
      new Task(plain, 'with-annotations', { metadata: { annotations: { a: 'b' } } }),
    ];
    const later = new Task(plain, 'labelled-later');
    const added = new Task(plain, 'attribute-added');
    const toJson = vi.spyOn(later.metadata, 'toJson');
    later.toJson();
    expect(toJson).not.toHaveBeenCalled();
    later.metadata.addLabel('tier', 'ci');
    later.toJson();
    // a metadata method was called: cdk8s renders the metadata from then on
    expect(toJson).toHaveBeenCalledTimes(1);
    added.metadata.add('labels', { via: 'add' });
    for (const o of [...objects, later, added]) expect(JSON.stringify(o.toJson())).toBe(cdk8sJson(o));
    expect(later.toJson().metadata).toEqual({ labels: { tier: 'ci' }, name: 'labelled-later' });
  });
});
