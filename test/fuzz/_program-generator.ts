/**
 * A seeded generator of random construct programs: Tasks with random params, results, workspaces and
 * steps, and a Pipeline wiring them at random, with random mistakes mixed in (bad names, missing or
 * unknown params, unbound workspaces, `$(params.x)` in scripts, bad durations, raw JSON patches that
 * break the spec). Same seed, same program.
 */
import { type Chart, JsonPatch } from 'cdk8s';

import { type ParamReference, Pipeline, type PipelineTask, Task } from '../../src/constructs/index.js';

/** mulberry32: small, fast, good enough to spread test cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random choices over a seeded source. */
export class Dice {
  public constructor(private readonly random: () => number) {}
  public int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  public chance(p: number): boolean {
    return this.random() < p;
  }
  public pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}

const IMAGE = `docker.io/library/alpine@sha256:${'b'.repeat(64)}`;
const GOOD_NAMES = ['image', 'context', 'revision', 'url', 'digest', 'path-in-repo', 'flags', 'verbose', 'IMAGE_URL', 'out'];
const BAD_NAMES = ['1starts-with-digit', 'has space', 'dollar$', '', 'x'.repeat(300), 'params.nested'];
const DURATIONS = ['10m', '1h30m', '90s', '0s', '10 minutes', '-5m', 'soon'];

/**
 * Draws a name: usually a valid one not in `used`, sometimes (`mistakes` chance) an invalid or a
 * repeated one. Returns undefined when the valid names ran out.
 */
function name(d: Dice, mistakes: number, used: Set<string>): string | undefined {
  if (d.chance(mistakes)) return d.chance(0.5) && used.size > 0 ? d.pick([...used]) : d.pick(BAD_NAMES);
  const free = GOOD_NAMES.filter((n) => !used.has(n.toLowerCase()) && !used.has(n));
  if (free.length === 0) return undefined;
  const chosen = d.pick(free);
  used.add(chosen);
  return chosen;
}

interface MadeTask {
  readonly task: Task;
  readonly required: string[];
  readonly optional: string[];
  readonly kinds: Map<string, 'string' | 'array' | 'object'>;
  readonly results: string[];
  readonly workspaces: { name: string; optional: boolean }[];
}

function makeTask(chart: Chart, d: Dice, index: number, mistakes: number): MadeTask {
  const task = new Task(chart, `task-${index}`, d.chance(0.5) ? { description: `task number ${index}` } : {});
  const required: string[] = [];
  const optional: string[] = [];
  const env: ReturnType<ParamReference['toEnv']>[] = [];
  const paramNames = new Set<string>();
  const kinds = new Map<string, 'string' | 'array' | 'object'>();
  for (let i = d.int(0, 3); i > 0; i -= 1) {
    const paramName = name(d, mistakes, paramNames);
    if (paramName === undefined) break;
    const kind = d.pick(['string', 'string', 'array', 'object'] as const);
    const withDefault = d.chance(0.5);
    let param;
    if (kind === 'string') param = task.addParam(paramName, withDefault ? { default: d.chance(mistakes) ? (['not', 'a', 'string'] as unknown as string) : 'x' } : {});
    else if (kind === 'array') param = task.addParam(paramName, { type: 'array', ...(withDefault ? { default: ['a', 'b'] } : {}) });
    else param = task.addParam(paramName, { type: 'object', properties: ['url'], ...(withDefault ? { default: { url: 'u' } } : {}) });
    (withDefault ? optional : required).push(paramName);
    kinds.set(paramName, kind);
    if (kind === 'string') env.push(param.toEnv());
    if (kind === 'object') env.push(param.toEnv(undefined, 'url'));
  }
  const results: string[] = [];
  const resultPaths: string[] = [];
  const resultNames = new Set<string>();
  for (let i = d.int(0, 2); i > 0; i -= 1) {
    const resultName = name(d, mistakes, resultNames);
    if (resultName === undefined) break;
    const declared = task.addResult(resultName);
    results.push(resultName);
    resultPaths.push(declared.path);
  }
  const workspaces: { name: string; optional: boolean }[] = [];
  for (let i = d.int(0, 2); i > 0; i -= 1) {
    const ws = { name: d.pick(['source', 'cache', 'dockerconfig', d.chance(mistakes) ? 'Bad_WS' : 'output']), optional: d.chance(0.3) };
    if (workspaces.some((w) => w.name === ws.name) && !d.chance(mistakes)) continue;
    task.addWorkspace(ws.name, { optional: ws.optional });
    workspaces.push(ws);
  }
  const steps = d.chance(mistakes / 2) ? 0 : d.int(1, 3);
  for (let i = 0; i < steps; i += 1) {
    const stepName = d.chance(mistakes / 2) ? 'Step One' : d.chance(mistakes / 2) ? 'dup' : `step-${i}`;
    const writes = resultPaths.map((p) => `echo ok > ${p}`).join('\n');
    const script = d.chance(mistakes / 2) && required[0] !== undefined ? `#!/bin/sh\necho $(params.${required[0]})\n` : `#!/bin/sh\nset -eu\n${writes}\n`;
    task.addStep({
      name: stepName,
      image: d.chance(mistakes / 2) ? 'alpine:latest' : IMAGE,
      ...(env.length > 0 ? { env } : {}),
      ...(d.chance(0.8) ? { script } : { command: ['/bin/true'], args: ['--flag'] }),
      ...(d.chance(0.2) ? { timeout: d.pick(DURATIONS) } : {}),
      ...(d.chance(0.2) ? { onError: d.pick(['continue', 'stopAndFail'] as const) } : {}),
    });
  }
  return { task, required, optional, kinds, results, workspaces };
}

/**
 * Builds one random program into `chart`. Construct errors (thrown eagerly) propagate: the caller
 * treats them as one of the acceptable outcomes.
 *
 * @param mistakes probability of each individual mistake, 0..1
 */
export function buildRandomProgram(chart: Chart, seed: number, mistakes = 0.03): void {
  const d = new Dice(seededRandom(seed));
  const made = Array.from({ length: d.int(1, 4) }, (_, i) => makeTask(chart, d, i, mistakes));
  if (d.chance(0.15)) return; // Tasks only.

  const pipeline = new Pipeline(chart, 'pipeline', d.chance(0.5) ? { description: 'random pipeline' } : {});
  const pipelineParams: string[] = [];
  const pipelineParamNames = new Set<string>();
  for (let i = d.int(0, 3); i > 0; i -= 1) {
    const p = name(d, mistakes / 2, pipelineParamNames);
    if (p === undefined) break;
    pipeline.addParam(p, d.chance(0.5) ? { default: 'v' } : {});
    pipelineParams.push(p);
  }
  const pipelineWorkspaces: string[] = [];
  for (const ws of ['source', 'cache', 'dockerconfig', 'output']) {
    if (d.chance(0.6)) {
      pipeline.addWorkspace(ws, { optional: d.chance(mistakes) });
      pipelineWorkspaces.push(ws);
    }
  }
  const added: { handle: PipelineTask; made: MadeTask }[] = [];
  const uses = d.int(1, 5);
  for (let i = 0; i < uses; i += 1) {
    const m = d.pick(made);
    const params: Record<string, string | string[] | Record<string, string>> = {};
    const string = (): string => {
      const producer = added.length > 0 && d.chance(0.5) ? d.pick(added) : undefined;
      if (producer && producer.made.results.length > 0) return producer.handle.result(d.pick(producer.made.results)).toString();
      if (pipelineParams.length > 0 && d.chance(0.5)) return `$(params.${d.pick(pipelineParams)})`;
      return d.chance(mistakes / 2) ? '$(tasks.nowhere.results.x)' : 'literal';
    };
    const value = (p: string): string | string[] | Record<string, string> => {
      const kind = d.chance(mistakes) ? 'string' : m.kinds.get(p);
      return kind === 'array' ? [string(), 'b'] : kind === 'object' ? { url: string() } : string();
    };
    for (const p of m.required) if (!d.chance(mistakes)) params[p] = value(p);
    for (const p of m.optional) if (d.chance(0.3)) params[p] = value(p);
    if (d.chance(mistakes)) params['unknown-param'] = 'x';
    const workspaces: Record<string, string> = {};
    for (const ws of m.workspaces) {
      if (ws.optional && d.chance(0.5)) continue;
      if (d.chance(mistakes)) continue;
      workspaces[ws.name] = pipelineWorkspaces.length > 0 && !d.chance(mistakes) ? d.pick(pipelineWorkspaces) : 'undeclared';
    }
    const isFinally = i > 0 && d.chance(0.15);
    const runAfter = !isFinally && added.length > 0 && d.chance(0.3) ? [d.pick(added).handle] : [];
    const options = {
      task: m.task,
      params,
      workspaces,
      ...(runAfter.length > 0 ? { runAfter } : {}),
      ...(d.chance(0.2) ? { retries: d.chance(mistakes) ? -1 : d.int(0, 3) } : {}),
      ...(d.chance(0.2) ? { timeout: d.pick(DURATIONS) } : {}),
      ...(d.chance(0.15) && pipelineParams.length > 0 ? { when: [{ input: `$(params.${d.pick(pipelineParams)})`, operator: d.pick(['in', 'notin'] as const), values: ['yes'] }] } : {}),
    };
    const id = d.chance(mistakes / 2) && added.length > 0 ? added[0]!.handle.name : `use-${i}`;
    const handle = isFinally ? pipeline.addFinally(id, options) : pipeline.addTask(id, options);
    if (!isFinally) added.push({ handle, made: m });
  }
  const producer = added.find((a) => a.made.results.length > 0);
  if (producer && d.chance(0.4)) pipeline.addResult('OUT', { value: producer.handle.result(producer.made.results[0]!) });

  // Raw overrides bypass the constructs' eager checks: synth-time validation must still catch them.
  if (d.chance(mistakes)) made[0]!.task.addJsonPatch(JsonPatch.add('/spec/steps/0/image', ''));
  if (d.chance(mistakes)) made[0]!.task.addJsonPatch(JsonPatch.add('/spec/params', [{ name: 'dup' }, { name: 'dup' }]));
  if (d.chance(mistakes)) pipeline.addJsonPatch(JsonPatch.add('/spec/tasks/0/runAfter', ['no-such-task']));
  if (d.chance(mistakes)) pipeline.addJsonPatch(JsonPatch.add('/metadata/labels', { 'bad label!': 'x' }));
}
