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
import { validateStructure } from './structure.js';
import { validateTaskSpec } from './task-spec.js';
import { asObj, isObj, Issues, str } from './_model.js';
import { applySuppressions, type Suppression } from './suppressions.js';

export { ValidationMemo } from './memo.js';
export { isSuppressed, parseSuppressions, SUPPRESSION_ANNOTATION, type Suppression, type SuppressionEntry, suppressionAnnotation } from './suppressions.js';

/** The kinds this validator understands. */
const TEKTON_KINDS: ReadonlySet<string> = new Set(['Task', 'Pipeline', 'PipelineRun', 'TaskRun', 'StepAction']);

/** One problem found in a Tekton object. */
export interface ValidationIssue {
  /** Rule id from the validation checklist (or signet's additions, see rules.ts), e.g. `PT-7`. */
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
  /**
   * Set when the object's `signet.dev/ignore` annotation suppresses this rule: the issue is then a warning
   * and this holds the reason and the severity it had.
   * @default - not suppressed
   */
  readonly suppressed?: Suppression;
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
 * The apiVersion must be one the rules are written for (API-1: `tekton.dev/v1`, StepAction
 * `tekton.dev/v1beta1`; a v1beta1 Task gets that one error, not v1 findings). The JSON is then checked
 * the way the webhook decodes it, strictly: unknown fields (SCH-3) and wrong types (SCH-1). Tekton's
 * defaulting runs next (param and result types, taskRef kind), exactly as the admission webhook does,
 * then the admission rules, then the run-time rules that the referenced objects from `context` make
 * checkable. Other kinds, and these kinds in other API groups, yield no issues.
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
  if (!checkApiVersion(manifest, kind, issues)) return issues.toArray();
  validateStructure(manifest, kind, issues);
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
  return applySuppressions(manifest, issues.toArray());
}

/** The API versions whose rules this validator knows, by kind (StepAction has no v1). */
const API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  Task: ['tekton.dev/v1'],
  Pipeline: ['tekton.dev/v1'],
  TaskRun: ['tekton.dev/v1'],
  PipelineRun: ['tekton.dev/v1'],
  StepAction: ['tekton.dev/v1beta1', 'tekton.dev/v1alpha1'],
};

/**
 * API-1: the rules here are Tekton v1's; a v1beta1 Task judged by them would get wrong findings, so
 * it gets one error instead. Returns false when the object must not be validated further (other
 * API groups that happen to use these kinds are not Tekton's and yield no issues).
 */
function checkApiVersion(manifest: Record<string, unknown>, kind: string, issues: Issues): boolean {
  const apiVersion = str(manifest.apiVersion);
  if (apiVersion !== undefined && !apiVersion.startsWith('tekton.dev/')) return false;
  const known = API_VERSIONS[kind] ?? [];
  if (apiVersion !== undefined && known.includes(apiVersion)) return true;
  const fix = apiVersion === 'tekton.dev/v1beta1' ? `convert it to ${known[0]} (Tekton's v1beta1 to v1 conversion), then validate it` : `set apiVersion to ${known[0]}`;
  const what = apiVersion === undefined ? `the ${kind} has no apiVersion` : `${apiVersion} ${kind} is not validated: these rules are ${known.join(' / ')}'s`;
  issues.error('API-1', 'apiVersion', what, fix, apiVersion);
  return false;
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
  const suppressed = issue.suppressed ? ` (suppressed: ${issue.suppressed.reason})` : '';
  return `[${issue.ruleId}] ${issue.path}: ${issue.message}${value}; ${issue.fix}${suppressed}`;
}
