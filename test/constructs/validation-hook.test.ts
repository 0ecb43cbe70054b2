import { Chart, JsonPatch, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Pipeline, TektonObject } from '../../src/constructs/index.js';
import { buildTask, IMAGE, signTask } from './_fixtures.js';

/** A valid build-and-sign pipeline, then broken through raw JSON patches (which bypass the eager checks). */
function brokenApp() {
  const app = Testing.app();
  const chart = new Chart(app, 'broken');
  const build = buildTask(chart);
  const sign = signTask(chart);
  const pipeline = new Pipeline(chart, 'p');
  const image = pipeline.addParam('IMAGE');
  const source = pipeline.addWorkspace('source');
  const b = pipeline.addTask('build', { task: build, params: { IMAGE: image }, workspaces: { source } });
  pipeline.addTask('sign', { task: sign, params: { IMAGE: `${b.result('IMAGE_URL')}@${b.result('IMAGE_DIGEST')}` } });
  // unknown task result, a cycle (build ← sign's result edge, build runAfter sign), a missing required param
  pipeline.addJsonPatch(
    JsonPatch.replace('/spec/tasks/1/params/0/value', '$(tasks.build.results.NOPE)@$(tasks.build.results.IMAGE_DIGEST)'),
    JsonPatch.add('/spec/tasks/0/runAfter', ['sign']),
    JsonPatch.remove('/spec/tasks/0/params'),
  );
  // duplicate step name
  build.addJsonPatch(JsonPatch.add('/spec/steps/-', { name: 'build', image: IMAGE, script: 'true' }));
  return app;
}

describe('synth-time validation hook', () => {
  it('passes a valid pipeline', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'ok');
    const pipeline = new Pipeline(chart, 'p');
    const b = pipeline.addTask('build', { task: buildTask(chart), params: { IMAGE: 'r/app' }, workspaces: { source: pipeline.addWorkspace('source') } });
    pipeline.addTask('sign', { task: signTask(chart), params: { IMAGE: `${b.result('IMAGE_URL')}@${b.result('IMAGE_DIGEST')}` } });
    expect(() => app.synthYaml()).not.toThrow();
    expect(TektonObject.validateAll(app).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('fails synth listing every error of a broken pipeline, each with construct path, rule, field path and fix', () => {
    const app = brokenApp();
    let message = '';
    try {
      app.synthYaml();
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').slice(1).map((l) => l.trim());
    // one line per issue: [construct path] [RULE] field.path: message (value: …); fix
    for (const line of lines) expect(line).toMatch(/^\[broken\/(p|build)\] \[[A-Z]+-?[A-Z0-9-]*\] \S+: .+; .+/);
    expect(message).toContain('NOPE');
    expect(lines.some((l) => l.startsWith('[broken/build]') && /\bbuild\b/.test(l))).toBe(true);
    expect(lines.some((l) => /cycle/i.test(l))).toBe(true);
    expect(lines.some((l) => /IMAGE/.test(l) && /(missing|required|not passed|not provided)/i.test(l))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(4);
  });

  it('reports issues with their construct paths through TektonObject.validateAll', () => {
    const issues = TektonObject.validateAll(brokenApp()).filter((i) => i.severity === 'error');
    expect(new Set(issues.map((i) => i.constructPath))).toEqual(new Set(['broken/build', 'broken/p']));
    for (const i of issues) {
      expect(i.ruleId).toMatch(/^[A-Z]/);
      expect(i.path).not.toBe('');
      expect(i.fix).not.toBe('');
    }
  });
});
