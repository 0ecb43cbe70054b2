/**
 * When expressions on pipeline tasks and steps (WHEN-1 to WHEN-6); the references inside them are
 * checked by the caller's expression checker (WHEN-7 / PT-7 in pipelines).
 */
import { type ResolvedFlags } from './flags.js';
import { asArray, entry, field, has, isObj, str, type Issues, type Obj } from './_model.js';

/** Checks the text of an `input` or of one `values` element. */
export type WhenTextCheck = (text: string, path: string, inValues: boolean) => void;

/** Validates a `when` list. */
export function validateWhen(list: unknown, path: string, flags: ResolvedFlags, issues: Issues, checkText: WhenTextCheck): void {
  asArray(list).forEach((raw, i) => {
    const p = entry(path, i);
    const w: Obj = isObj(raw) ? raw : {};
    const cel = str(w.cel) ?? '';
    const hasSimple = has(w, 'input') || has(w, 'operator') || asArray(w.values).length > 0;
    if (cel === '' && !hasSimple) {
      issues.error('WHEN-1', p, 'when expression is empty', 'set input, operator and values, or cel');
      return;
    }
    if (cel !== '') {
      if (!flags.celInWhen) {
        issues.error('WHEN-4', field(p, 'cel'), 'cel in when expressions needs enable-cel-in-whenexpression', 'use input/operator/values, or set enable-cel-in-whenexpression: "true"', cel);
      }
      if (hasSimple) {
        issues.error('WHEN-5', p, 'cel cannot be combined with input, operator or values', 'use either cel or input/operator/values');
      }
      const problem = celSyntaxProblem(cel);
      if (problem !== undefined) {
        issues.error('WHEN-6', field(p, 'cel'), `cel expression does not compile: ${problem}`, "quote tekton variables, e.g. \"'$(params.branch)' == 'main'\"", cel);
      }
      return;
    }
    const operator = str(w.operator) ?? '';
    if (operator !== 'in' && operator !== 'notin') {
      issues.error('WHEN-2', field(p, 'operator'), 'when operator must be "in" or "notin"', 'set operator to "in" or "notin"', w.operator);
    }
    const values = asArray(w.values);
    if (values.length === 0) issues.error('WHEN-3', field(p, 'values'), 'when expression needs at least one value', 'add the values to compare input against');
    const input = str(w.input);
    if (input !== undefined) checkText(input, field(p, 'input'), false);
    values.forEach((v, j) => {
      if (typeof v === 'string') checkText(v, entry(field(p, 'values'), j), true);
    });
  });
}

const CEL_WORDS = new Set(['true', 'false', 'null', 'in']);

/**
 * A syntax-level stand-in for compiling with cel-go in an environment without variables: quotes and
 * brackets must balance, and any bare identifier (an undeclared variable) fails, which is exactly
 * what happens to an unquoted `$(params.x)` after substitution.
 */
function celSyntaxProblem(cel: string): string | undefined {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let i = 0;
  let prev = '';
  while (i < cel.length) {
    const c = cel[i] as string;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < cel.length && cel[j] !== c) j += cel[j] === '\\' ? 2 : 1;
      if (j >= cel.length) return 'unterminated string literal';
      i = j + 1;
      prev = 'literal';
      continue;
    }
    if (c === '$' && cel[i + 1] === '(') return 'tekton variable outside quotes';
    if ('([{'.includes(c)) stack.push(c);
    if (')]}'.includes(c) && stack.pop() !== pairs[c]) return `unbalanced "${c}"`;
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < cel.length && /[A-Za-z0-9_]/.test(cel[j] as string)) j++;
      const word = cel.slice(i, j);
      const next = cel.slice(j).trimStart()[0];
      if (prev !== '.' && next !== '(' && !CEL_WORDS.has(word)) return `undeclared reference to "${word}"`;
      i = j;
      prev = 'word';
      continue;
    }
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  if (stack.length > 0) return `unclosed "${stack[stack.length - 1] as string}"`;
  if (cel.trim() === '') return 'empty expression';
  return undefined;
}
