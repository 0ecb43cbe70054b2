import { JsonPatch, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_SECURITY_CONTEXT, StepAction, Task, TektonConstructError, TektonObject } from '../../src/constructs/index.js';

const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;

describe('Task', () => {
  it('renders tekton.dev/v1 with a stable name from the id and non-root steps', () => {
    // GIVEN
    const chart = Testing.chart();
    const task = new Task(chart, 'HelloWorld', { description: 'says hello' });
    const who = task.addParam('who', { default: 'world' });
    const out = task.addResult('greeting');
    // WHEN
    task.addStep({ name: 'hello', image: IMAGE, env: [who.toEnv()], script: `echo "hello $WHO" > ${out.path}` });
    // THEN
    const [json] = Testing.synth(chart);
    expect(json.apiVersion).toBe('tekton.dev/v1');
    expect(json.kind).toBe('Task');
    expect(json.metadata.name).toBe('hello-world');
    expect(json.spec.steps[0]).toEqual({
      name: 'hello',
      image: IMAGE,
      env: [{ name: 'WHO', value: '$(params.who)' }],
      script: 'echo "hello $WHO" > $(results.greeting.path)',
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        runAsNonRoot: true,
        runAsUser: 65532,
        seccompProfile: { type: 'RuntimeDefault' },
      },
    });
    expect(json.spec.params).toEqual([{ name: 'who', type: 'string', default: 'world' }]);
    expect(json.spec.results).toEqual([{ name: 'greeting', type: 'string' }]);
  });

  it('uses metadata.name when given, and keeps chart namespace and labels', () => {
    const chart = Testing.chart();
    const task = new Task(chart, 'x', { metadata: { name: 'explicit', labels: { team: 'a' }, namespace: 'ci' } });
    task.addStep({ name: 's', image: IMAGE, script: 'true' });
    expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'explicit', namespace: 'ci', labels: { team: 'a' } });
  });

  it('leaves the step security context alone when the step or stepTemplate sets one', () => {
    const chart = Testing.chart();
    const a = new Task(chart, 'a', { stepTemplate: { securityContext: { runAsUser: 1000 } } });
    a.addStep({ name: 's', image: IMAGE, script: 'true' });
    const b = new Task(chart, 'b', { defaultStepSecurityContext: {} });
    b.addStep({ name: 's', image: IMAGE, script: 'true' });
    const c = new Task(chart, 'c');
    c.addStep({ name: 's', image: IMAGE, script: 'true', securityContext: { privileged: true } });
    const [ja, jb, jc] = Testing.synth(chart);
    expect(ja.spec.steps[0].securityContext).toBeUndefined();
    expect(ja.spec.stepTemplate).toEqual({ securityContext: { runAsUser: 1000 } });
    expect(jb.spec.steps[0].securityContext).toBeUndefined();
    expect(jc.spec.steps[0].securityContext).toEqual({ privileged: true });
    expect(new Task(chart, 'd').defaultStepSecurityContext).toBe(DEFAULT_STEP_SECURITY_CONTEXT);
  });

  it('renders steps lazily, so steps added after construction appear', () => {
    const chart = Testing.chart();
    const task = new Task(chart, 't');
    const before = task.toJson();
    task.addStep({ name: 'late', image: IMAGE, script: 'true' });
    expect(before.spec.steps).toBeUndefined();
    expect(task.toJson().spec.steps).toHaveLength(1);
  });

  it('returns step handles for step results', () => {
    const task = new Task(Testing.chart(), 't');
    const step = task.addStep({ name: 'digest', image: IMAGE, script: '#!/bin/sh\ntrue\n', results: [{ name: 'sha' }] });
    expect(step.result('sha')).toBe('$(steps.digest.results.sha)');
    expect(task.toJson().spec.steps[0].results).toEqual([{ name: 'sha', type: 'string' }]);
  });

  it('throws when a script interpolates a param', () => {
    const task = new Task(Testing.chart(), 't');
    expect(() => task.addStep({ name: 's', image: IMAGE, script: 'echo $(params.x)' })).toThrowError(
      /^test\/t: \[T-13\] spec\.steps\[0\]\.script: param interpolated into a script; pass the param through env and read it as a shell variable$/,
    );
  });

  it('throws on a duplicate step name, and on duplicate params case-insensitively', () => {
    const task = new Task(Testing.chart(), 't');
    task.addStep({ name: 's', image: IMAGE, script: 'true' });
    expect(() => task.addStep({ name: 's', image: IMAGE, script: 'true' })).toThrowError(
      /^test\/t: \[STEP-1\] spec\.steps: step name "s" is used more than once \(value: "s"\); give every step a distinct name$/,
    );
    task.addParam('url');
    expect(() => task.addParam('URL')).toThrowError(/\[P-4\] spec\.params\[URL\]: param "URL" is declared more than once \(names are case-insensitive\)/);
  });

  it('throws on steps Tekton would reject', () => {
    const task = new Task(Testing.chart(), 't');
    expect(() => task.addStep({ name: 'Bad_Name', image: IMAGE })).toThrowError(
      /\[NAME-STEP\] spec\.steps\[0\]\.name: step name must be a DNS-1123 label \(value: "Bad_Name"\); rename the step, e\.g\. "bad-name"/,
    );
    expect(() => task.addStep({ name: 'noimage', script: 'true' })).toThrowError(/\[STEP-2\] spec\.steps\[0\]\.image: step has no image/);
    expect(() => task.addStep({ name: 'both', image: IMAGE, script: 'x', command: ['y'] })).toThrowError(/\[STEP-4\] spec\.steps\[0\]\.script: script and command cannot both be set/);
    expect(() => task.addStep({ name: 'p', image: IMAGE, params: { a: 'b' } })).toThrowError(/\[STEP-3\] spec\.steps\[0\]\.params: step params are only allowed with ref/);
  });

  it('lets a step take its image from stepTemplate, as Tekton does', () => {
    const chart = Testing.chart();
    const task = new Task(chart, 't', { stepTemplate: { image: IMAGE } });
    task.addStep({ name: 's', script: 'true' });
    expect(task.toJson().spec.steps[0].image).toBeUndefined();
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('throws on param declarations that cannot work', () => {
    const task = new Task(Testing.chart(), 't');
    expect(() => task.addParam('m', { default: 'x', enum: ['a', 'b'] })).toThrowError(/\[P-6\] spec\.params\[m\]\.default: default is not one of the enum values/);
    expect(() => task.addParam('o', { type: 'object', properties: [] })).toThrowError(/\[P-3\] spec\.params\[o\]\.properties: object param needs properties/);
    expect(() => task.addParam('o2', { type: 'object', properties: ['a', 'b'], default: { a: '1' } })).toThrowError(/without keys b/);
    expect(() => task.addParam('1x')).toThrowError(/\[P-5\] spec\.params\[1x\]\.name: param name must start with a letter or '_'/);
    expect(() => task.addResult('bad name')).toThrowError(/\[RES-1\] spec\.results\[bad name\]\.name: result name must consist of/);
    expect(() => task.addResult('obj', { type: 'object' })).toThrowError(/\[RES-3\] spec\.results\[obj\]\.properties: object result needs properties/);
  });

  it('gives typed handles for array and object params', () => {
    const task = new Task(Testing.chart(), 't');
    const args = task.addParam('args', { type: 'array', default: [] });
    const git = task.addParam('git', { type: 'object', properties: ['url', 'rev'] });
    expect(args.items()).toBe('$(params.args[*])');
    expect(args.item(0)).toBe('$(params.args[0])');
    expect(git.key('url')).toBe('$(params.git.url)');
    expect(git.toEnv(undefined, 'rev')).toEqual({ name: 'GIT_REV', value: '$(params.git.rev)' });
    expect(() => git.key('nope')).toThrowError(/has no key 'nope'/);
    expect(() => args.toEnv()).toThrowError(/array param 'args' cannot be passed whole through env/);
    expect(() => task.param('missing')).toThrow(TektonConstructError);
  });

  it('runs a StepAction by reference with checked params', () => {
    const chart = Testing.chart();
    const action = new StepAction(chart, 'git-clone', { image: IMAGE, params: [{ name: 'url' }], script: 'git clone "$URL"', env: [{ name: 'URL', value: '$(params.url)' }] });
    const task = new Task(chart, 't');
    task.addStep({ name: 'clone', action, params: { url: 'https://example.com/x.git' } });
    expect(() => task.addStep({ name: 'c2', action, params: {} })).toThrowError(/\[SA-7\] spec\.steps\[1\]\.params: param "url" is required by StepAction "git-clone" but not passed/);
    expect(() => task.addStep({ name: 'c3', action, image: IMAGE, params: { url: 'u' } })).toThrowError(/\[STEP-5\] spec\.steps\[1\]\.image: a step that uses a StepAction \(ref\) cannot set image/);
    const json = task.toJson();
    expect(json.spec.steps).toEqual([{ name: 'clone', ref: { name: 'git-clone' }, params: [{ name: 'url', value: 'https://example.com/x.git' }] }]);
  });

  it('applies JSON patches to the final output', () => {
    const chart = Testing.chart();
    const task = new Task(chart, 't');
    task.addStep({ name: 's', image: IMAGE, script: 'true' });
    task.addJsonPatch(JsonPatch.add('/spec/steps/0/timeout', '1m'));
    expect(Testing.synth(chart)[0].spec.steps[0].timeout).toBe('1m');
  });

  it('throws when two Tasks in a chart would get the same name', () => {
    const chart = Testing.chart();
    new Task(chart, 'build');
    expect(() => new Task(chart, 'Build')).toThrowError(/Task name 'build' is already used by 'test\/build'/);
  });
});
