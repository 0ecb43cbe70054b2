/**
 * The task graph of a PipelineSpec: DAG-1 to DAG-3 and FIN-2 for references from embedded specs.
 */
import { asResultUse, findRefs, stringsIn, type VariableRef } from './expressions.js';
import type { PipelineCtx } from './pipeline-context.js';
import { duplicates, entry, field, named, objs, str, strs, type Issues, type Obj } from './_model.js';

/** Task names that a pipeline task depends on, through runAfter or result references. */
function dependencies(pt: Obj): string[] {
  const deps = new Set(strs(pt.runAfter));
  addResultSources(pt.params, deps);
  addResultSources(pt.matrix, deps);
  addResultSources(pt.when, deps);
  addResultSources(pt.taskSpec, deps);
  return [...deps];
}

/** Adds the tasks whose results the strings inside `value` reference. */
function addResultSources(value: unknown, deps: Set<string>): void {
  if (typeof value === 'string') {
    const refs = findRefs(value);
    for (let i = 0; i < refs.length; i += 1) {
      const use = asResultUse(refs[i] as VariableRef);
      if (use?.scope === 'tasks') deps.add(use.task);
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) addResultSources(value[i], deps);
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Obj;
    for (const key in o) if (Object.hasOwn(o, key)) addResultSources(o[key], deps);
  }
}

/** Validates names, edges and cycles of the graph. */
export function validateDag(ctx: PipelineCtx): void {
  const { spec, path, issues } = ctx;
  const tasks = objs(spec.tasks);
  const finallyTasks = objs(spec.finally);
  checkPipelineTaskNames([...tasks, ...finallyTasks].map((t) => str(t.name) ?? '').filter((n) => n !== ''), path, issues);
  const edges = new Map<string, string[]>();
  tasks.forEach((pt, i) => {
    const ptPath = named(field(path, 'tasks'), pt, i);
    const name = str(pt.name) ?? '';
    strs(pt.runAfter).forEach((after, j) => {
      if (!ctx.tasks.has(after)) {
        issues.error('DAG-2', entry(field(ptPath, 'runAfter'), j), `task "${name}" depends on "${after}" but "${after}" wasn't present in the pipeline's tasks`, 'run after a task declared in spec.tasks', after);
      }
    });
    checkEmbeddedRefs(pt, ptPath, 'DAG-2', ctx);
    edges.set(name, dependencies(pt).filter((d) => ctx.tasks.has(d)));
  });
  finallyTasks.forEach((pt, i) => checkEmbeddedRefs(pt, named(field(path, 'finally'), pt, i), 'FIN-2', ctx));
  for (const cycle of findCycles(edges)) {
    issues.error('DAG-3', field(path, 'tasks'), `cycle detected: ${cycle.join(' -> ')}`, 'remove a runAfter or result reference so the tasks form a DAG', cycle);
  }
}

/** DAG-1: pipeline task names are unique across tasks and finally (the Pipeline construct asks this rule too). */
export function checkPipelineTaskNames(names: readonly string[], path: string, issues: Issues): void {
  for (const dup of duplicates(names)) {
    issues.error('DAG-1', field(path, 'tasks'), `pipeline task name "${dup}" is used more than once across tasks and finally`, 'give every pipeline task a distinct name', dup);
  }
}

/** Result references inside an embedded taskSpec must point at `tasks` entries too. */
function checkEmbeddedRefs(pt: Obj, ptPath: string, rule: 'DAG-2' | 'FIN-2', ctx: PipelineCtx): void {
  for (const { path, text } of stringsIn(pt.taskSpec, field(ptPath, 'taskSpec'))) {
    for (const ref of findRefs(text)) {
      const use = asResultUse(ref);
      if (use && !ctx.tasks.has(use.task)) {
        ctx.issues.error(rule, path, `result reference ${ref.text} points at "${use.task}", which is not in spec.tasks`, 'refer to a task declared in spec.tasks', ref.text);
      }
    }
  }
}

/** Cycles in declaration order, each reported once (as the path that closes it). */
function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const search: CycleSearch = { edges, state: new Map(), stack: [], cycles: [], seen: new Set() };
  for (const node of edges.keys()) if (!search.state.has(node)) visitNode(search, node);
  return search.cycles;
}

interface CycleSearch {
  readonly edges: ReadonlyMap<string, readonly string[]>;
  readonly state: Map<string, 'open' | 'done'>;
  readonly stack: string[];
  readonly cycles: string[][];
  readonly seen: Set<string>;
}

function visitNode(s: CycleSearch, node: string): void {
  s.state.set(node, 'open');
  s.stack.push(node);
  for (const next of s.edges.get(node) ?? []) {
    if (s.state.get(next) === 'open') {
      const cycle = [...s.stack.slice(s.stack.indexOf(next)), next];
      const key = [...new Set(cycle)].sort().join('\u0000');
      if (!s.seen.has(key)) {
        s.seen.add(key);
        s.cycles.push(cycle);
      }
    } else if (!s.state.has(next)) {
      visitNode(s, next);
    }
  }
  s.stack.pop();
  s.state.set(node, 'done');
}
