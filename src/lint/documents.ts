/**
 * Parses lint sources into documents (multi-document YAML, JSON, `kind: List` and top-level arrays),
 * each keeping its source node so a validator field path can be mapped back to a line and column.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';

import { LintInputError } from './errors.js';
import type { LintSource } from './sources.js';

/** A 1-based position in a source file. */
export interface Position {
  /** Line, from 1. */
  readonly line: number;
  /** Column, from 1, in UTF-16 code units. */
  readonly column: number;
}

/** One object of a source file. */
export interface LintDocument {
  /** The source file the object comes from. */
  readonly source: LintSource;
  /** Index of the object in its file (0-based; items of a List or array count one each). */
  readonly index: number;
  /** The parsed JSON value. */
  readonly value: unknown;
  /** The node the object was parsed from (null for a List item whose node could not be found). */
  readonly node: Node | null;
  /** Where the object starts. */
  readonly start: Position;
  /** Maps offsets of the source to lines and columns. */
  readonly lines: LineCounter;
}

/**
 * Parses every document of a source. YAML errors are a {@link LintInputError} naming the file, line and
 * column (the file cannot be judged). Empty documents are dropped.
 */
export function parseSource(source: LintSource): LintDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: LintDocument[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error !== undefined) {
      const at = lines.linePos(error.pos[0]);
      throw new LintInputError(`${source.file}:${at.line}:${at.col}: not valid YAML or JSON (${firstLine(error.message)}); fix the syntax`, 'LINT_PARSE');
    }
    const root = doc.contents as Node | null;
    if (root === null) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    const items = listItems(value, root);
    if (items === undefined) {
      out.push(documentOf(source, out.length, value, root, lines));
    } else {
      for (const [item, node] of items) out.push(documentOf(source, out.length, item, node, lines));
    }
  }
  return out;
}

/** The items of a `kind: List` object or a top-level array, with their nodes; undefined for one object. */
function listItems(value: unknown, root: Node): Array<[unknown, Node | null]> | undefined {
  if (Array.isArray(value) && isSeq(root)) return value.map((v, i) => [v, (root.items[i] as Node | undefined) ?? null]);
  if (typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'List' && Array.isArray((value as Record<string, unknown>).items)) {
    const node = isMap(root) ? root.get('items', true) : undefined;
    const items = (value as { items: unknown[] }).items;
    return items.map((v, i) => [v, isSeq(node) ? ((node.items[i] as Node | undefined) ?? null) : null]);
  }
  return undefined;
}

function documentOf(source: LintSource, index: number, value: unknown, node: Node | null, lines: LineCounter): LintDocument {
  return { source, index, value, node, start: positionOf(node, lines), lines };
}

function positionOf(node: Node | null | undefined, lines: LineCounter): Position {
  const offset = node?.range?.[0] ?? 0;
  const at = lines.linePos(offset);
  return { line: at.line, column: at.col };
}

/** One step of a validator field path: `.key` or `[key]`. */
type Segment = { readonly key: string; readonly bracket: boolean };

/** Splits `spec.tasks[build].params[IMAGE].value` into segments (bracketed names may contain dots). */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i += 1;
    } else if (path[i] === '[') {
      const end = path.indexOf(']', i);
      const stop = end < 0 ? path.length : end;
      out.push({ key: path.slice(i + 1, stop), bracket: true });
      i = stop + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j += 1;
      out.push({ key: path.slice(i, j), bracket: false });
      i = j;
    }
  }
  return out;
}

/**
 * v1 field names that a converted v1beta1 object spells differently in its source; `''` means the
 * field has no node of its own there (v1's `taskRunTemplate` holds fields v1beta1 keeps on the spec).
 */
const V1BETA1_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  computeResources: ['resources'],
  stepSpecs: ['stepOverrides'],
  sidecarSpecs: ['sidecarOverrides'],
  serviceAccountName: ['taskServiceAccountName'],
  podTemplate: ['taskPodTemplate'],
  taskRunTemplate: [''],
  timeouts: ['timeout'],
};

/**
 * The position of the field a validator path names: the key of the last map entry found, or the list item;
 * when the path leaves the source (a defaulted or converted field), the deepest part that exists.
 */
export function locate(doc: LintDocument, path: string): Position {
  let node: Node | null | undefined = doc.node;
  let at: Node | null | undefined = node;
  for (const segment of pathSegments(path)) {
    const next = step(node, segment);
    if (next === undefined) break;
    node = next.value;
    at = next.at ?? at;
  }
  return positionOf(at, doc.lines);
}

/** One step down: the child node and the node to point at (the key for a map entry). */
function step(node: Node | null | undefined, segment: Segment): { value: Node | null; at: Node | null } | undefined {
  if (isMap(node)) {
    for (const name of [segment.key, ...(V1BETA1_SPELLINGS[segment.key] ?? [])]) {
      if (name === '') return { value: node, at: null };
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      if (pair) return { value: (pair.value as Node | null) ?? null, at: pair.key as Node };
    }
    return undefined;
  }
  if (isSeq(node) && segment.bracket) {
    // list entries are named by `name`, a run's taskRunSpecs by `pipelineTaskName`
    const byName = node.items.find((item) => isMap(item) && (item.get('name') === segment.key || item.get('pipelineTaskName') === segment.key));
    if (byName !== undefined) return { value: byName as Node, at: byName as Node };
    const index = /^\d+$/.test(segment.key) ? Number(segment.key) : -1;
    const item = node.items[index] as Node | undefined;
    if (item !== undefined) return { value: item, at: item };
  }
  return undefined;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?$/, '').trim();
}
