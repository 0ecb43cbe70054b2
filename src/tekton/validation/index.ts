/**
 * Synth-time validation of Tekton v1 objects (contract; the rules live beside this file).
 *
 * Works on the final JSON of a manifest, so raw overrides are checked too.
 */
import { lintCatalogObject } from './catalog-lint.js';
import type { ValidationContext } from './context.js';
import type { ValidationIssue } from './issue.js';
import { applyDefaults } from './defaults.js';
import { type ResolvedFlags, resolveFlags } from './flags.js';
import { validateMetadata } from './names.js';
import { validatePipelineSpec } from './pipeline-spec.js';
import { validatePipelineRun, validateTaskRun } from './runs.js';
import { validateStepActionSpec } from './step-action.js';
import { validateTaskSpec } from './task-spec.js';
import { asObj, isObj, Issues, str } from './_model.js';

export { ValidationMemo } from './memo.js';
// the shared types live in their own modules, so the rules import them without going through this front door.
export type { ValidationContext } from './context.js';
export { formatIssue, type ValidationIssue } from './issue.js';

/** The kinds this validator understands. */
const TEKTON_KINDS: ReadonlySet<string> = new Set(['Task', 'Pipeline', 'PipelineRun', 'TaskRun', 'StepAction']);

/**
 * Validates one Tekton object (Task, Pipeline, PipelineRun, TaskRun or StepAction) and returns every
 * issue found, errors and warnings, in a stable order.
 *
 * Tekton's defaulting runs first (param and result types, taskRef kind), exactly as the admission
 * webhook does, then the admission rules, then the run-time rules that the referenced objects from
 * `context` make checkable. Other kinds yield no issues.
 *
 * @see rules.ts for the rule ids, and https://github.com/tektoncd/pipeline/tree/main/pkg/apis/pipeline/v1
 *   (`*_validation.go`) for the webhook's own checks they follow
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
