/**
 * The validation checklist as data: which rule ids this validator reports, which are reported under another id,
 * and which it deliberately leaves out, with the reason. The rules follow the Tekton webhook's own checks
 * (`*_validation.go` in https://github.com/tektoncd/pipeline/tree/main/pkg/apis/pipeline/v1).
 */

/** How one checklist rule is covered. */
export type RuleCoverage =
  | { readonly id: string; readonly status: 'implemented' }
  | { readonly id: string; readonly status: 'reported-as'; readonly as: readonly string[] }
  | { readonly id: string; readonly status: 'not-implemented'; readonly reason: string };

const implemented = (...ids: string[]): RuleCoverage[] => ids.map((id) => ({ id, status: 'implemented' }));
const reportedAs = (id: string, ...as: string[]): RuleCoverage => ({ id, status: 'reported-as', as });
const notImplemented = (id: string, reason: string): RuleCoverage => ({ id, status: 'not-implemented', reason });

const SCHEMA_REASON = 'checked by the CRD schemas (test/helpers/tekton-schemas.ts, ajv) in the conformance tests; kept out of the synth path so the 550 KB schemas are not a runtime dependency';

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
  ...implemented('MX-1', 'MX-2', 'MX-3', 'MX-4', 'MX-5', 'MX-6', 'MX-7'),
  notImplemented('MX-8', 'resolved matrix values come from the run and from task results at run time'),
  ...implemented('REF-1', 'REF-2', 'REF-3', 'REF-4', 'REF-5', 'REF-6'),
  notImplemented('REF-7', 'resolution happens in the cluster'),
  ...implemented('RUN-1', 'RUN-2', 'RUN-3'),
  reportedAs('RUN-4', 'WS-5', 'WS-6'),
  ...implemented('RUN-5', 'RUN-6', 'RUN-7', 'RUN-8', 'RUN-9', 'RUN-10', 'RUN-11', 'RUN-12'),
  notImplemented('RUN-13', 'an update rule: it needs the object stored in the cluster'),
  ...implemented('RUN-14'),
  notImplemented('RUN-15', 'needs the cluster’s VerificationPolicies and keys'),
  notImplemented('SCH-1', SCHEMA_REASON),
  notImplemented('SCH-2', SCHEMA_REASON),
  notImplemented('SCH-3', SCHEMA_REASON),
  notImplemented('CAT-1', 'needs the catalog directory version; belongs to the catalog generator'),
  ...implemented('CAT-2', 'CAT-3', 'CAT-4', 'CAT-5', 'CAT-6', 'CAT-7', 'CAT-8'),
];

/** The ids this validator can report. */
export const REPORTED_RULE_IDS: ReadonlySet<string> = new Set(RULES.filter((r) => r.status === 'implemented').map((r) => r.id));
