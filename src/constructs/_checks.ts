/**
 * Private eager checks shared by pipeline tasks, runs and StepAction steps: passed params against declared
 * params, bound workspaces against declared workspaces.
 *
 * A param problem found here is worded by the validator's own rule (PT-11 for pipeline tasks, RUN-14 for runs,
 * SA-7 for StepAction steps), so the construct-time error and the synth-time issue carry the same id and message.
 * The rule runs only on the error path: the checks that pass stay as cheap as before.
 */
import type { ParamSpec, ParamValue } from '../tekton/index.js';
import { paramValueType } from '../tekton/index.js';
import { checkRequiredParams } from '../tekton/validation/cross-refs.js';
import { formatIssue } from '../tekton/validation/issue.js';
import { declaredParams } from '../tekton/validation/params.js';
import { Issues } from '../tekton/validation/_model.js';
import { nameKey } from './_values.js';
import { TektonConstructError } from './errors.js';

const WHOLE_EXPRESSION = /^\$\([^()]*\)$/;

/**
 * Throws on a param the target does not declare, a required param not passed, or a value whose shape cannot
 * match the declared type. `declared` undefined means unknown: nothing is checked.
 */
export function checkParams(
  where: string,
  target: string,
  declared: readonly ParamSpec[] | undefined,
  passed: ReadonlyMap<string, ParamValue>,
  rule: ParamRule,
): void {
  if (!declared) return;
  const byKey = declaredByKey(declared);
  for (const [name, value] of passed) {
    const spec = byKey.get(nameKey(name));
    if (!spec) {
      const known = declared.map((p) => p.name).join(', ') || 'none';
      throw new TektonConstructError('UNKNOWN_PARAM', `${where}: ${target} has no param '${name}'; declared params: ${known}`);
    }
    const want = spec.type ?? 'string';
    const got = paramValueType(value);
    if (want !== got && !(typeof value === 'string' && WHOLE_EXPRESSION.test(value))) {
      const fallback = `param '${name}' of ${target} is of type '${want}' but was given a ${got}; pass a ${want} value`;
      throw new TektonConstructError('INVALID_PROPS', `${where}: ${ruleMessage(rule, target, spec, passed) ?? fallback}`);
    }
  }
  let passedKeys: Set<string> | undefined;
  for (const spec of declared) {
    if (spec.default !== undefined || passed.has(spec.name)) continue;
    passedKeys ??= new Set([...passed.keys()].map(nameKey));
    if (!passedKeys.has(nameKey(spec.name))) {
      const fallback = `required param '${spec.name}' of ${target} is not passed; pass it in params, or give the param a default`;
      throw new TektonConstructError('MISSING_PARAM', `${where}: ${ruleMessage(rule, target, spec, passed) ?? fallback}`);
    }
  }
}

/** The validator rule that checks passed params where the construct stands. */
export type ParamRule = 'PT-11' | 'RUN-14' | 'SA-7';

/**
 * The validator's one-line issue about `spec` (its rule id, path, message and fix), or `undefined` when the rule
 * does not see the problem (it compares names exactly; the constructs also accept another case).
 */
function ruleMessage(rule: ParamRule, target: string, spec: ParamSpec, passed: ReadonlyMap<string, ParamValue>): string | undefined {
  const issues = new Issues();
  checkRequiredParams(declaredParams([spec]), passed, 'params', target, rule, issues);
  const [issue] = issues.toArray();
  return issue === undefined ? undefined : formatIssue(issue);
}

/** Declared params by case-insensitive name; kept for frozen lists (a Task's interface), which cannot change. */
const BY_KEY = new WeakMap<readonly ParamSpec[], ReadonlyMap<string, ParamSpec>>();

function declaredByKey(declared: readonly ParamSpec[]): ReadonlyMap<string, ParamSpec> {
  const kept = BY_KEY.get(declared);
  if (kept) return kept;
  const byKey = new Map(declared.map((p) => [nameKey(p.name), p]));
  if (Object.isFrozen(declared)) BY_KEY.set(declared, byKey);
  return byKey;
}

/** Throws when `name` is already a key of `seen` (case-insensitive when `caseInsensitive`). */
export function checkUnique(
  where: string,
  what: string,
  name: string,
  seen: Set<string>,
  caseInsensitive = false,
): void {
  const key = caseInsensitive ? nameKey(name) : name;
  if (seen.has(key)) {
    throw new TektonConstructError('DUPLICATE_NAME', `${where}: ${what} '${name}' is already defined; use a unique name`);
  }
  seen.add(key);
}
