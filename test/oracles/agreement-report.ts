/**
 * Prints how far signet's validator agrees with Tekton's webhook (the oracle), by rule: false
 * positives (Tekton admits, signet refuses) and misses (Tekton refuses, signet admits), on Tekton's
 * examples under the e2e profiles, on the generated documents of the oracle fuzz test and on the
 * failing-rule cases of the validator tests.
 * Run: node --import tsx test/oracles/agreement-report.ts   (FUZZ_SEED / FUZZ_SEEDS as in the test)
 */
import { validateTektonObject } from '../../src/tekton/validation/index.js';
import { ruleLevel } from '../../src/tekton/validation/rules.js';
import { tektonVerdicts } from '../helpers/tekton-oracle.js';
import { ALL_CASES } from '../tekton/validation/cases.js';
import { generateDocuments } from '../fuzz/_document-generator.js';
import { judgeExamples, oracleConfig, webhookErrors } from './_differential.js';

function count(into: Map<string, number>, key: string): void {
  into.set(key, (into.get(key) ?? 0) + 1);
}
const show = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k}=${n}`).join(' ') || '-';

// Tekton's examples: every file (under each profile) Tekton admits must pass signet with no error.
const examples = judgeExamples();
const accepted = examples.filter((e) => e.tektonAccepts);
const fp = accepted.filter((e) => e.signetErrors.length > 0);
const fpRules = new Map<string, number>();
for (const e of fp) for (const id of new Set(e.signetErrors.map((s) => s.issue.ruleId))) count(fpRules, id);
const files = (list: typeof examples): number => new Set(list.map((e) => e.file)).size;
console.log(`examples: ${examples.length} file×profile runs (${files(examples)} files); Tekton admits ${accepted.length}; signet refuses ${fp.length} of those (${files(fp)} files); runs refused by rule: ${show(fpRules)}`);
for (const e of fp) console.log(`  FP ${e.profile} ${e.file}: ${e.signetErrors.map((s) => `[${s.issue.ruleId}] ${s.doc} ${s.issue.path}`).join(' | ')}`);

// Generated documents: verdict equality on webhook-level rules.
const seeds = Number(process.env.FUZZ_SEEDS ?? 450);
const generated = generateDocuments(Number(process.env.FUZZ_SEED ?? 20_261_202), seeds);
const verdicts = tektonVerdicts(generated.map((g) => ({ doc: g.doc, ...oracleConfig(g.featureFlags) })));
const genFp = new Map<string, number>();
const genMiss = new Map<string, number>();
let judged = 0;
generated.forEach((g, i) => {
  const v = verdicts[i];
  if (!v?.judged) return;
  judged += 1;
  const errors = webhookErrors(validateTektonObject(g.doc, { featureFlags: g.featureFlags }));
  if (v.accepted && errors.length > 0) for (const id of new Set(errors.map((e) => e.ruleId))) count(genFp, id);
  if (!v.accepted && errors.length === 0) count(genMiss, `${g.rule}${v.stage === 'decode' ? '(decode)' : ''}`);
});
const fpDocs = [...genFp.values()].length;
console.log(`generated: ${judged} documents; false positives by signet rule: ${show(genFp)}; misses by mutated rule: ${show(genMiss)}${fpDocs === 0 ? '' : ''}`);

// The failing cases of the validator tests that model webhook rules: Tekton must refuse each.
const cases = ALL_CASES.filter((c) => (c.severity ?? 'error') === 'error' && ruleLevel(c.id) === 'webhook');
const caseVerdicts = tektonVerdicts(cases.map((c) => ({ doc: c.manifest(), ...oracleConfig(c.context?.featureFlags) })));
const admitted = new Map<string, number>();
cases.forEach((c, i) => caseVerdicts[i]?.accepted && count(admitted, c.id));
console.log(`cases: ${cases.length} failing cases of webhook rules; Tekton admits ${[...admitted.values()].reduce((a, b) => a + b, 0)} (by rule: ${show(admitted)})`);
