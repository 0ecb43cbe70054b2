/**
 * Synth-time validation of Tekton v1 objects (contract; the rules live beside this file).
 *
 * Works on the final JSON of a manifest, so raw overrides are checked too.
 */
import { lintCatalogObject } from './catalog-lint.js';
import type { ValidationMemo } from './memo.js';
import { applyDefaults } from './defaults.js';
import { type ResolvedFlags, resolveFlags } from './flags.js';
import { validateMetadata } from './names.js';
import { validatePipelineSpec } from './pipeline-spec.js';
import { validatePipelineRun, validateTaskRun } from './runs.js';
import { validateStepActionSpec } from './step-action.js';
import { validateTaskSpec } from './task-spec.js';
import { asObj, isObj, Issues, str } from './_model.js';

export { ValidationMemo } from './memo.js';

/** The kinds this validator understands. */
const TEKTON_KINDS: ReadonlySet<string> = new Set(['Task', 'Pipeline', 'PipelineRun', 'TaskRun', 'StepAction']);

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
  /** The offending value, when there is one (never secret material). @default - none */
  readonly value?: unknown;
  /** How to fix it. */
  readonly fix: string;
}

/** What a validator may look up beyond the object itself (objects referenced by name). */
export interface ValidationContext {
  /** Returns the manifest JSON of a Task with this name, if known. @default - references to Tasks are not checked */
  readonly findTask?: (name: string) => unknown;
  /** Returns the manifest JSON of a Pipeline with this name, if known. @default - references to Pipelines are not checked */
  readonly findPipeline?: (name: string) => unknown;
  /** Returns the manifest JSON of a StepAction with this name, if known. @default - references to StepActions are not checked */
  readonly findStepAction?: (name: string) => unknown;
  /**
   * Memo shared by the validations of one pass, so a Task referenced many times is defaulted once. Only while
   * the manifests the `find*` functions return stay unchanged (see {@link ValidationMemo}).
   * @default - nothing is memoized
   * @internal
   */
  readonly memo?: ValidationMemo;
  /**
   * Feature-flag overrides (`config-feature-flags` keys, plus `default-max-matrix-combinations-count`,
   * `default-forbidden-env` and `coschedule`).
   * @default - Tekton v1.15's defaults: `enable-api-fields=beta`, alpha flags off, step actions on
   */
  readonly featureFlags?: Readonly<Record<string, string | boolean>>;
}

/**
 * Validates one Tekton object (Task, Pipeline, PipelineRun, TaskRun or StepAction) and returns every
 * issue found, errors and warnings, in a stable order.
 *
 * Tekton's defaulting runs first (param and result types, taskRef kind), exactly as the admission
 * webhook does, then the admission rules, then the run-time rules that the referenced objects from
 * `context` make checkable. Other kinds yield no issues.
 *
 * @see ../../../../shared/docs/tekton-validation.md for the rule ids
 */
export function validateTektonObject(manifest: unknown, context: ValidationContext = {}): ValidationIssue[] {
  const issues = new Issues();
  if (!isObj(manifest)) {
    issues.error('META-1', '', 'manifest is not an object', 'pass the parsed JSON of one Tekton object');
    return issues.toArray();
  }
  const kind = str(manifest.kind);
  if (kind === undefined || !TEKTON_KINDS.has(kind)) return [];
  const flags = flagsOf(context);
  const m = applyDefaults(manifest);
  validateMetadata(m, issues);
  const spec = asObj(m.spec);
  switch (kind) {
    case 'Task':
      validateTaskSpec(spec, { path: 'spec', undeclaredRule: 'T-4', inPipeline: false, flags, issues, ...stepActions(context) });
      break;
    case 'StepAction':
      validateStepActionSpec(spec, flags, issues);
      break;
    case 'Pipeline':
      validatePipelineSpec(spec, { path: 'spec', embeddedRule: 'PT-5', flags, issues, context });
      break;
    case 'TaskRun':
      validateTaskRun(m, { flags, issues, context });
      break;
    default:
      validatePipelineRun(m, { flags, issues, context });
      break;
  }
  lintCatalogObject(m, issues);
  return issues.toArray();
}

let defaults: ResolvedFlags | undefined;

/** The resolved flags: the defaults once per process, overrides once per memo (validators only read them). */
function flagsOf(context: ValidationContext): ResolvedFlags {
  const overrides = context.featureFlags;
  if (overrides === undefined) {
    defaults ??= resolveFlags(undefined);
    return defaults;
  }
  return context.memo ? context.memo.derived(overrides, 'resolved flags', () => resolveFlags(overrides)) : resolveFlags(overrides);
}

function stepActions(context: ValidationContext): { findStepAction?: (name: string) => unknown } {
  return context.findStepAction ? { findStepAction: context.findStepAction } : {};
}

/** Formats one issue as a single line: `[RULE] path: message (value: …); fix`. */
export function formatIssue(issue: ValidationIssue): string {
  const value = issue.value === undefined ? '' : ` (value: ${JSON.stringify(issue.value)})`;
  return `[${issue.ruleId}] ${issue.path}: ${issue.message}${value}; ${issue.fix}`;
}
