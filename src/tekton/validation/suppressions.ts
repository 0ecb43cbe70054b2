/**
 * The escape hatch: a rule suppressed for one object, with a reason, by the annotation
 * `signet.dev/ignore: "RULE-ID: reason"` (several separated by commas or newlines). A suppressed issue
 * is still reported, marked with its reason, and never blocks; a suppression without a reason, or of
 * a structural rule, is itself an error.
 */
import { asObj, str } from './_model.js';

/** The annotation that suppresses rules for the object it is on. */
export const SUPPRESSION_ANNOTATION = 'signet.dev/ignore';

/** Rules that cannot be suppressed: the structural check (the webhook refuses such objects) and the hatch's own. */
const UNSUPPRESSIBLE = /^(SCH-\d+|API-1|SUP-\d+)$/;

/** A rule id: letters, a dash, letters or digits (`PT-7`, `NAME-STEP`). */
const RULE_ID = /^[A-Z]+-[A-Z0-9]+$/;

/** Why an issue was suppressed, and what it was before. */
export interface Suppression {
  /** The reason given in the annotation. */
  readonly reason: string;
  /** The issue's severity before it was suppressed. */
  readonly severity: 'error' | 'warning';
}

/**
 * The shape of the validator's `ValidationIssue`, restated so this file does not import the index that
 * imports it (import cycles are refused); the index's type is assignable to it and back.
 */
interface ValidationIssue {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
  readonly fix: string;
  readonly suppressed?: Suppression;
}

/** One entry of the annotation. */
export interface SuppressionEntry {
  /** The rule suppressed, e.g. `PT-13`. */
  readonly ruleId: string;
  /** Why it does not apply to this object. */
  readonly reason: string;
}

/** The path of the annotation in an issue. */
const ANNOTATION_PATH = `metadata.annotations[${SUPPRESSION_ANNOTATION}]`;

/**
 * Parses the annotation's value into entries; malformed entries become SUP-1 errors in `problems`.
 * Entries are separated by newlines or by commas followed by a rule id (a reason may itself contain commas).
 */
export function parseSuppressions(value: string, problems: ValidationIssue[] = []): SuppressionEntry[] {
  const entries: SuppressionEntry[] = [];
  for (const raw of value.split(/\n|,(?=\s*[A-Z]+-[A-Z0-9]+\s*(?::|,|$))/)) {
    const text = raw.trim();
    if (text === '') continue;
    const colon = text.indexOf(':');
    const ruleId = (colon < 0 ? text : text.slice(0, colon)).trim();
    const reason = colon < 0 ? '' : text.slice(colon + 1).trim();
    if (!RULE_ID.test(ruleId)) {
      problems.push(supError('SUP-1', `suppression "${text}" does not start with a rule id`, 'write "RULE-ID: reason", e.g. "PT-13: the task is retried by the caller"', text));
    } else if (reason === '') {
      problems.push(supError('SUP-1', `suppression of ${ruleId} has no reason`, `write "${ruleId}: why the rule does not apply here"; a suppression must say why`, text));
    } else {
      entries.push({ ruleId, reason });
    }
  }
  return entries;
}

/**
 * Applies the object's `signet.dev/ignore` annotation to the validator's issues: an issue of a suppressed
 * rule becomes a warning carrying `suppressed` (its reason and former severity), so it is reported and never
 * blocks. SUP-1 (no reason, malformed) and SUP-2 (a structural rule) are errors; SUP-3 warns about a
 * suppression that matched nothing, so stale ones are noticed.
 */
export function applySuppressions(manifest: unknown, issues: readonly ValidationIssue[]): ValidationIssue[] {
  const value = str(asObj(asObj(asObj(manifest).metadata).annotations)[SUPPRESSION_ANNOTATION]);
  if (value === undefined) return [...issues];
  const problems: ValidationIssue[] = [];
  const entries = parseSuppressions(value, problems);
  const usable = new Map<string, string>();
  for (const e of entries) {
    if (UNSUPPRESSIBLE.test(e.ruleId)) {
      problems.push(supError('SUP-2', `${e.ruleId} cannot be suppressed: Tekton refuses objects that fail it`, `remove ${e.ruleId} from the annotation and fix the object`, e.ruleId));
    } else {
      usable.set(e.ruleId, e.reason);
    }
  }
  const used = new Set<string>();
  const out = issues.map((issue) => {
    const reason = usable.get(issue.ruleId);
    if (reason === undefined) return issue;
    used.add(issue.ruleId);
    return { ...issue, severity: 'warning' as const, suppressed: { reason, severity: issue.severity } };
  });
  for (const id of usable.keys()) {
    if (!used.has(id)) {
      problems.push({ ruleId: 'SUP-3', severity: 'warning', path: ANNOTATION_PATH, message: `suppression of ${id} matches no finding on this object`, fix: `remove ${id} from the annotation`, value: id });
    }
  }
  return [...out, ...problems];
}

/** True when the issue was suppressed by the annotation. */
export function isSuppressed(issue: ValidationIssue): issue is ValidationIssue & { readonly suppressed: Suppression } {
  return (issue as { suppressed?: unknown }).suppressed !== undefined;
}

/** The annotation value for a list of entries (one per line, in the order given). */
export function suppressionAnnotation(entries: readonly SuppressionEntry[]): string {
  return entries.map((e) => `${e.ruleId}: ${e.reason}`).join('\n');
}

function supError(ruleId: string, message: string, fix: string, value: string): ValidationIssue {
  return { ruleId, severity: 'error', path: ANNOTATION_PATH, message, fix, value };
}
