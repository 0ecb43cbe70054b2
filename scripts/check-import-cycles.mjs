#!/usr/bin/env node
/**
 * Fails on any import cycle between the TypeScript files of a folder (default: src/). Counts every
 * relative import and re-export, `import type` included: a cycle of types still ties the modules together.
 * Uses the TypeScript compiler's own import scanner (`ts.preProcessFile`), no new dependency.
 *
 *   node scripts/check-import-cycles.mjs [folder]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Every `.ts` file below `dir` (declaration files excluded). */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** The import graph: file → the files of `dir` it imports (relative `.js` specifiers map to `.ts` files). */
export function importGraph(dir) {
  const files = new Set(sourceFiles(resolve(dir)));
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')))
      .filter((t) => files.has(t));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): each is a cycle. */
export function importCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'src';
  const cycles = importCycles(importGraph(dir));
  for (const c of cycles) process.stderr.write(`import cycle: ${c.map((f) => relative(process.cwd(), f)).join(' ↔ ')}\n`);
  if (cycles.length > 0) {
    process.stderr.write(`${cycles.length} import cycle(s) in ${dir}; move what both sides need into a module of its own\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`no import cycle in ${dir}\n`);
  }
}
