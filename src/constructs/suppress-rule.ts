/**
 * The construct side of the escape hatch: `suppressRule(object, 'PT-13', 'why')` (and
 * `TektonObject.suppress`) renders the `signet.dev/ignore` annotation that validation reads, so synth and
 * `signet lint` of the written YAML both see the same suppression.
 */
import type { ApiObject } from 'cdk8s';

import { SUPPRESSION_ANNOTATION } from '../tekton/validation/index.js';
import { TektonConstructError } from './errors.js';

/** A rule id: letters, a dash, letters or digits (`PT-7`, `NAME-STEP`). */
const RULE_ID = /^[A-Z]+-[A-Z0-9]+$/;
/** Rules validation refuses to suppress (the structural check, the apiVersion check, the hatch's own). */
const UNSUPPRESSIBLE = /^(SCH-\d+|API-1|SUP-\d+)$/;

/**
 * Suppresses `ruleId` for one object with a reason: its findings are then reported as suppressed and do not
 * fail synth. Works on any `ApiObject` with a Tekton apiVersion, so on objects added with `Include` too.
 *
 * @throws TektonConstructError `INVALID_PROPS` when the rule id is malformed, the reason empty, or the rule
 *   is structural (SCH-*, API-1: Tekton refuses such objects, no reason makes them valid)
 */
export function suppressRule(object: ApiObject, ruleId: string, reason: string): void {
  const where = `${object.node.path}: suppress('${ruleId}')`;
  if (!RULE_ID.test(ruleId)) throw new TektonConstructError('INVALID_PROPS', `${where}: "${ruleId}" is not a rule id; pass one as reported, e.g. 'PT-13'`);
  if (UNSUPPRESSIBLE.test(ruleId)) throw new TektonConstructError('INVALID_PROPS', `${where}: ${ruleId} cannot be suppressed, Tekton refuses such objects; fix the object instead`);
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text === '') throw new TektonConstructError('INVALID_PROPS', `${where}: the reason is empty; say why the rule does not apply to this object`);
  const annotations = (object.metadata.toJson() as { annotations?: Record<string, string> }).annotations ?? {};
  const current = annotations[SUPPRESSION_ANNOTATION];
  const entry = `${ruleId}: ${text}`;
  object.metadata.addAnnotation(SUPPRESSION_ANNOTATION, current === undefined || current === '' ? entry : `${current}\n${entry}`);
}
