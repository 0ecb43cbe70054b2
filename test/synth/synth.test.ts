import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, JsonPatch } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Pipeline, Task, synth } from '../../src/index.js';
import { IMAGE } from '../constructs/_fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

function program(outdir: string, broken = false): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'ci');
  const task = new Task(chart, 'build');
  const image = task.addParam('IMAGE');
  task.addStep({ name: 'build', image: IMAGE, env: [image.toEnv()], script: '#!/bin/sh\nset -eu\necho "$IMAGE"\n' });
  const pipeline = new Pipeline(chart, 'release');
  pipeline.addTask('build', { task, params: { IMAGE: pipeline.addParam('IMAGE') } });
  if (broken) {
    task.addJsonPatch(JsonPatch.add('/spec/steps/-', { name: 'build', image: IMAGE, command: ['true'] }));
    pipeline.addJsonPatch(JsonPatch.remove('/spec/tasks/0/params'));
  }
  return app;
}

function run(app: App | (() => App), extra: Parameters<typeof synth>[1] = {}) {
  const lines: string[] = [];
  const code = synth(app, { stderr: (l) => lines.push(l), setExitCode: false, ...extra });
  return { code, lines };
}

describe('synth()', () => {
  it('writes the manifests and returns 0', () => {
    const outdir = join(tempDir('signet-synth-'), 'out');
    expect(run(program(outdir))).toEqual({ code: 0, lines: [] });
    expect(readdirSync(outdir)).toEqual(['ci.k8s.yaml']);
    expect(readdirSync(join(outdir, '..'))).toEqual(['out']);
  });

  it('lists every error at once, writes nothing and returns 1', () => {
    const outdir = join(tempDir('signet-synth-'), 'out');
    const { code, lines } = run(program(outdir, true));
    expect(code).toBe(1);
    expect(lines[0]).toBe('synth failed: 2 error(s); no manifest was written');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}\[ci\/build\] \[STEP-1\] spec\.steps: .*; give every step a distinct name$/),
      expect.stringMatching(/^ {2}\[ci\/release\] \[PT-11\] spec\.tasks\[build\]\.params: .*"IMAGE"/),
    ]);
    expect(existsSync(outdir)).toBe(false);
  });

  it('prints a construct error thrown while building as one line', () => {
    const outdir = join(tempDir('signet-synth-'), 'out');
    const { code, lines } = run(() => {
      const app = program(outdir);
      new Task(new Chart(app, 'other'), 'x').addParam('bad name');
      return app;
    });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^synth failed: other\/x: .*bad name/)]);
  });

  it('replaces the output folder as a whole, and leaves it as it was when writing fails', () => {
    const outdir = join(tempDir('signet-synth-'), 'out');
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'old.k8s.yaml'), 'kind: Old\n');
    const failing = run(program(outdir), {
      afterWrite: () => {
        throw new Error('disk full');
      },
    });
    expect(failing).toEqual({ code: 1, lines: ['synth failed: disk full'] });
    expect(readdirSync(outdir)).toEqual(['old.k8s.yaml']);
    expect(readdirSync(join(outdir, '..'))).toEqual(['out']);

    expect(run(program(outdir), { afterWrite: (app) => writeFileSync(join(app.outdir, 'extra.txt'), 'x') }).code).toBe(0);
    expect(readdirSync(outdir).sort()).toEqual(['ci.k8s.yaml', 'extra.txt']);
    expect(readFileSync(join(outdir, 'ci.k8s.yaml'), 'utf8')).toContain('kind: Pipeline');
  });

  it('sets process.exitCode on failure unless told not to', () => {
    const before = process.exitCode;
    try {
      synth(program(join(tempDir('signet-synth-'), 'out'), true), { stderr: () => undefined });
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
    }
  });
});
