/**
 * One validation issue and its one-line form: shared by the validator's rules and its callers.
 */

/** One problem found in a Tekton object. */
export interface ValidationIssue {
  /** Rule id from the validation checklist, e.g. `PIPE-7`. */
  readonly ruleId: string;
  /** `error` blocks synth; `warning` is reported but does not. */
  readonly severity: 'error' | 'warning';
  /** Field path inside the manifest, e.g. `spec.tasks[build].params[IMAGE].value`. */
  readonly path: string;
  /** What is wrong, in the user's terms, lower-case, no trailing period. */
  readonly message: string;
  /** The offending value, when there is one (never secret material). @default - not set: the issue is about a missing or structural field */
  readonly value?: unknown;
  /** How to fix it. */
  readonly fix: string;
  /**
   * Set when the object's `signet.dev/ignore` annotation suppresses this rule: the issue is then a warning
   * and this holds the reason and the severity it had.
   * @default - not suppressed
   */
  readonly suppressed?: Suppression;
}

/** Formats one issue as a single line: `[RULE] path: message (value: …); fix`. */
export function formatIssue(issue: ValidationIssue): string {
  const value = issue.value === undefined ? '' : ` (value: ${JSON.stringify(issue.value)})`;
  const suppressed = issue.suppressed ? ` (suppressed: ${issue.suppressed.reason})` : '';
  return `[${issue.ruleId}] ${issue.path}: ${issue.message}${value}; ${issue.fix}${suppressed}`;
}

/** Why an issue was suppressed, and what it was before. */
export interface Suppression {
  /** The reason given in the annotation. */
  readonly reason: string;
  /** The issue's severity before it was suppressed. */
  readonly severity: 'error' | 'warning';
}
