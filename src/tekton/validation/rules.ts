/**
 * The validation checklist (tekton-validation.md) as data: which rule ids this validator reports,
 * which are reported under another id, and which it deliberately leaves out, with the reason.
 */

/** How one checklist rule is covered. */
export type RuleCoverage =
  | { readonly id: string; readonly status: 'implemented' }
  | { readonly id: string; readonly status: 'reported-as'; readonly as: readonly string[] }
  | { readonly id: string; readonly status: 'not-implemented'; readonly reason: string };

const implemented = (...ids: string[]): RuleCoverage[] => ids.map((id) => ({ id, status: 'implemented' }));
const reportedAs = (id: string, ...as: string[]): RuleCoverage => ({ id, status: 'reported-as', as });
const notImplemented = (id: string, reason: string): RuleCoverage => ({ id, status: 'not-implemented', reason });


/** Every rule id of the checklist, in checklist order. */
export const RULES: readonly RuleCoverage[] = [
  ...implemented('META-1', 'META-2'),
  notImplemented('META-3', 'a name does not reveal whether cdk8s generated it; the constructs choose stable names'),
  ...implemented('NAME-PT', 'NAME-STEP', 'NAME-SC', 'T-1', 'T-2'),
  notImplemented('T-3', 'needs Kubernetes strategic merge of stepTemplate into each step; type conflicts are caught by the CRD schemas'),
  ...implemented('T-4', 'T-5', 'T-6', 'T-7', 'T-8', 'T-9', 'T-10', 'T-11', 'T-12', 'T-13', 'T-14'),
  ...implemented('STEP-1', 'STEP-2', 'STEP-3', 'STEP-4', 'STEP-5', 'STEP-6', 'STEP-7', 'STEP-8', 'STEP-9', 'STEP-10', 'STEP-11', 'STEP-12', 'STEP-13', 'STEP-14'),
  reportedAs('STEP-15', 'WHEN-1', 'WHEN-2', 'WHEN-3', 'WHEN-4', 'WHEN-5', 'WHEN-6'),
  ...implemented('SC-1', 'SC-2', 'SC-3', 'SA-1', 'SA-2', 'SA-3', 'SA-4', 'SA-5', 'SA-6', 'SA-7'),
  ...implemented('P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6', 'P-7', 'P-8'),
  ...implemented('RES-1', 'RES-2', 'RES-3', 'RES-4'),
  notImplemented('RES-5', 'what a TaskRun actually writes is only known when it runs'),
  ...implemented('RES-6', 'PRES-1', 'PRES-2', 'PRES-3', 'PRES-4'),
  ...implemented('WS-1', 'WS-2', 'WS-3', 'WS-4', 'WS-5', 'WS-6', 'WS-7', 'WS-8', 'WS-9', 'WS-10', 'WS-11'),
  ...implemented('VAR-1'),
  reportedAs('VAR-2', 'T-10', 'PT-7'),
  ...implemented('VAR-3', 'VAR-4', 'VAR-5', 'VAR-6', 'VAR-7'),
  ...implemented('PL-1', 'PL-2', 'DAG-1', 'DAG-2', 'DAG-3', 'FIN-1', 'FIN-2', 'FIN-3'),
  ...implemented('PT-1', 'PT-2', 'PT-3', 'PT-4', 'PT-5', 'PT-6', 'PT-7', 'PT-8', 'PT-9', 'PT-10', 'PT-11', 'PT-12', 'PT-13', 'PT-14'),
  ...implemented('WHEN-1', 'WHEN-2', 'WHEN-3', 'WHEN-4', 'WHEN-5', 'WHEN-6'),
  reportedAs('WHEN-7', 'PT-7'),
  notImplemented('WHEN-8', 'CEL is evaluated with the run’s values when the run starts'),
  ...implemented('MX-1', 'MX-2', 'MX-3', 'MX-4'),
  // Tekton's webhook admits any matrix value shape (ParamValue turns it into a string); the run fails.
  reportedAs('MX-5', 'MX-8'),
  ...implemented('MX-6', 'MX-7', 'MX-8'),
  ...implemented('REF-1', 'REF-2', 'REF-3', 'REF-4', 'REF-5', 'REF-6'),
  notImplemented('REF-7', 'resolution happens in the cluster'),
  ...implemented('RUN-1', 'RUN-2', 'RUN-3'),
  reportedAs('RUN-4', 'WS-5', 'WS-6'),
  ...implemented('RUN-5', 'RUN-6', 'RUN-7', 'RUN-8', 'RUN-9', 'RUN-10', 'RUN-11', 'RUN-12'),
  notImplemented('RUN-13', 'an update rule: it needs the object stored in the cluster'),
  ...implemented('RUN-14'),
  notImplemented('RUN-15', 'needs the cluster’s VerificationPolicies and keys'),
  // Types, unknown fields and the required fields the webhook itself cannot do without, as its strict
  // decoding sees them (structure.ts); the CRD schemas' other required fields are the API server's.
  ...implemented('SCH-1', 'SCH-2', 'SCH-3'),
  notImplemented('CAT-1', 'needs the catalog directory version; belongs to the catalog generator'),
  ...implemented('CAT-2', 'CAT-3', 'CAT-4', 'CAT-5', 'CAT-6', 'CAT-7', 'CAT-8'),
  // Beyond the checklist: see SIGNET_RULE_IDS.
  ...implemented('API-1', 'WS-12'),
];

/**
 * Rules signet adds to the checklist: API-1 (the object's apiVersion is one these rules are written
 * for; a v1beta1 Task is not judged by v1 rules) and WS-12 (non-root steps writing to a PVC-backed
 * workspace of a run with no fsGroup).
 */
export const SIGNET_RULE_IDS: ReadonlySet<string> = new Set(['API-1', 'WS-12']);

/** The ids this validator can report. */
export const REPORTED_RULE_IDS: ReadonlySet<string> = new Set(RULES.filter((r) => r.status === 'implemented').map((r) => r.id));

/**
 * Where Tekton enforces a rule: `webhook` rules are the admission webhook's (strict decoding,
 * `SetDefaults`, `Validate`), so the differential tests can ask Tekton itself
 * (test/oracles/tekton); `reconciler` rules are checked when a run starts (reference resolution,
 * bindings, results written), which the oracle cannot judge; `lint` rules are advice Tekton does
 * not enforce at all.
 */
export type RuleLevel = 'webhook' | 'reconciler' | 'lint';

/** Rules Tekton's reconciler enforces when a run starts, not the webhook: outside the oracle. */
const RECONCILER_RULES: ReadonlySet<string> = new Set([
  'SA-7', 'P-7', 'RES-5', 'RES-6', 'PRES-3', 'WS-7', 'WS-8', 'WS-9', 'WS-10', 'PT-11', 'PT-12', 'WHEN-8', 'MX-8', 'REF-7', 'RUN-14', 'RUN-15',
]);

/** Advice: Tekton admits and runs these; signet warns. */
const LINT_RULES: ReadonlySet<string> = new Set([
  'META-2', 'META-3', 'T-11', 'T-12', 'T-13', 'T-14', 'SC-3', 'P-8', 'PRES-4', 'WS-11', 'VAR-6', 'VAR-7', 'PT-13', 'PT-14', 'REF-6',
  'CAT-1', 'CAT-2', 'CAT-3', 'CAT-4', 'CAT-5', 'CAT-6', 'CAT-7', 'CAT-8', 'WS-12',
]);

/** Where Tekton enforces a rule (see {@link RuleLevel}). */
export function ruleLevel(id: string): RuleLevel {
  if (RECONCILER_RULES.has(id)) return 'reconciler';
  if (LINT_RULES.has(id) || id === 'API-1') return 'lint';
  return 'webhook';
}

/** The reported rules that model the admission webhook: the ones the Tekton oracle judges. */
export const WEBHOOK_RULE_IDS: ReadonlySet<string> = new Set([...REPORTED_RULE_IDS].filter((id) => ruleLevel(id) === 'webhook'));
