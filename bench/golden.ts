/**
 * Behaviour guard for synth optimisations: records, or compares against, the YAML and the full
 * validation issue lists of the project app, the synth benchmark program and a few hundred fuzz
 * programs (with more mistakes than the fuzz test makes), each validated three ways (`validateAll`, again from
 * each object's cached validation, and by a plain `app.synth()`).
 *
 *   node --import tsx bench/golden.ts record  <dir>
 *   node --import tsx bench/golden.ts compare <dir>
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';

import { buildApp } from '../src/app/index.js';
import * as signet from '../src/constructs/index.js';
import { Pipeline, Task, TektonObject } from '../src/constructs/index.js';
import { buildRandomProgram } from '../test/fuzz/_program-generator.js';
import { buildWithConstructs } from './synth-programs.js';

type Outputs = Record<string, string>;

function describeApp(app: App): string {
  // the second call answers from each object's cached validation: both must agree.
  const cached = TektonObject.validateAll(app);
  const uncached = TektonObject.validateAll(app);
  const lines = [`issues (cached): ${JSON.stringify(cached)}`];
  if (JSON.stringify(uncached) !== JSON.stringify(cached)) lines.push(`issues (uncached) DIFFER: ${JSON.stringify(uncached)}`);
  const hook = app.node.findAll().flatMap((c) => c.node.validate().map((m) => `[${c.node.path}] ${m}`));
  lines.push(`cdk8s validations: ${JSON.stringify(hook)}`);
  try {
    lines.push(`yaml:\n${app.synthYaml()}`);
  } catch (error) {
    lines.push(`synth threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  return lines.join('\n');
}

const IMAGE = `docker.io/library/alpine@sha256:${'a'.repeat(64)}`;

/** Edge cases the random programs rarely reach: namespaces, same names in two charts, raw patches, mutation between validations. */
function edgeCases(out: Outputs): void {
  const app = new App();
  const a = new Chart(app, 'a', { namespace: 'team-a' });
  const b = new Chart(app, 'b', { namespace: 'team-b' });
  const c = new Chart(app, 'c');
  const ta = new Task(a, 'shared', { params: [{ name: 'X' }], steps: [{ name: 's', image: IMAGE, command: ['true'] }] });
  const tb = new Task(b, 'shared', { params: [{ name: 'Y' }], steps: [{ name: 's', image: IMAGE, command: ['true'] }], metadata: { annotations: { 'tekton.dev/deprecated': 'true' } } });
  new Task(c, 'shared', { steps: [{ name: 's', image: IMAGE, command: ['true'] }] });
  for (const [chart, ns] of [[a, 'a'], [b, 'b'], [c, 'c']] as const) {
    const p = new Pipeline(chart, `uses-${ns}`);
    p.addTask('one', { task: ns === 'a' ? ta : tb, params: ns === 'a' ? { X: 'x' } : { Y: 'y' } });
    p.addJsonPatch(JsonPatch.add('/spec/tasks/-', { name: 'missing', taskRef: { name: 'nope' } }));
  }
  new ApiObject(c, 'raw', { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'raw' }, spec: {} });
  out['edge-namespaces'] = describeApp(app);
  // mutate after a validation: the next uncached validation must see the change.
  const before = JSON.stringify(TektonObject.validateAll(app));
  ta.addParam('NEW');
  tb.addWorkspace('ws');
  new Task(c, 'nope', { steps: [{ name: 's', image: IMAGE, command: ['true'] }] });
  out['edge-mutated'] = `${before}\n${describeApp(app)}`;
}

function collect(): Outputs {
  const out: Outputs = {};
  edgeCases(out);
  out['app'] = describeApp(buildApp({ outdir: '/tmp/signet-golden-unused' }));
  out['bench-200'] = describeApp(buildWithConstructs(signet, 200));
  for (const mistakes of [0.03, 0.2]) {
    for (let i = 0; i < 400; i += 1) {
      const seed = 20_260_501 + i;
      const app = new App();
      const chart = new Chart(app, 'fuzz');
      let text: string;
      try {
        buildRandomProgram(chart, seed, mistakes);
        text = describeApp(app);
      } catch (error) {
        text = `construct error: ${error instanceof Error ? error.message : String(error)}`;
      }
      out[`fuzz-${mistakes}-${seed}`] = text;
    }
  }
  return out;
}

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'record' && mode !== 'compare') || !dir) {
  process.stderr.write('usage: golden.ts record|compare <dir>\n');
  process.exit(2);
}
const outputs = collect();
const digest = (s: string): string => createHash('sha256').update(s).digest('hex');
if (mode === 'record') {
  mkdirSync(dir, { recursive: true });
  for (const [k, v] of Object.entries(outputs)) writeFileSync(join(dir, `${k}.txt`), v);
  writeFileSync(join(dir, 'index.json'), JSON.stringify(Object.keys(outputs)));
  process.stdout.write(`recorded ${Object.keys(outputs).length} outputs in ${dir}\n`);
} else {
  const keys = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as string[];
  let bad = 0;
  for (const k of keys) {
    const want = readFileSync(join(dir, `${k}.txt`), 'utf8');
    if (digest(want) !== digest(outputs[k] ?? '')) {
      bad += 1;
      writeFileSync(join(dir, `${k}.actual.txt`), outputs[k] ?? '');
      process.stdout.write(`DIFFERS: ${k}\n`);
    }
  }
  process.stdout.write(`${keys.length - bad}/${keys.length} identical\n`);
  process.exit(bad === 0 ? 0 : 1);
}
