/**
 * Synth-time validation of Tekton v1 objects (contract; the rules live beside this file).
 *
 * Works on the final JSON of a manifest, so raw overrides are checked too.
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
  /** The offending value, when there is one (never secret material). */
  readonly value?: unknown;
  /** How to fix it. */
  readonly fix: string;
}

/** What a validator may look up beyond the object itself (objects referenced by name). */
export interface ValidationContext {
  /** Returns the manifest JSON of a Task with this name, if known. */
  readonly findTask?: (name: string) => unknown;
  /** Returns the manifest JSON of a Pipeline with this name, if known. */
  readonly findPipeline?: (name: string) => unknown;
  /** Returns the manifest JSON of a StepAction with this name, if known. */
  readonly findStepAction?: (name: string) => unknown;
  /** Feature-flag overrides; defaults are Tekton v1.15's (`enable-api-fields=beta`, step actions on). */
  readonly featureFlags?: Readonly<Record<string, string | boolean>>;
}

/**
 * Validates one Tekton object (Task, Pipeline, PipelineRun, TaskRun or StepAction) and returns every
 * issue found, errors and warnings, in a stable order.
 */
export function validateTektonObject(manifest: unknown, context: ValidationContext = {}): ValidationIssue[] {
  void manifest;
  void context;
  return [];
}

/** Formats one issue as a single line: `[RULE] path: message (value: …); fix`. */
export function formatIssue(issue: ValidationIssue): string {
  const value = issue.value === undefined ? '' : ` (value: ${JSON.stringify(issue.value)})`;
  return `[${issue.ruleId}] ${issue.path}: ${issue.message}${value}; ${issue.fix}`;
}
