/**
 * Prints how far signet's validator agrees with Tekton's webhook (the oracle): false positives
 * (Tekton admits, signet refuses) and misses (Tekton refuses, signet admits), by rule, on Tekton's
 * examples under the e2e profiles, on the failing-rule cases and on the generated documents.
 * Run: node --import tsx test/oracles/agreement-report.ts
 */
import { judgeExamples } from './_differential.js';

function count(into: Map<string, number>, key: string): void {
  into.set(key, (into.get(key) ?? 0) + 1);
}
const show = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}=${n}`).join(' ') || '-';

const examples = judgeExamples();
const accepted = examples.filter((e) => e.tektonAccepts);
const fp = accepted.filter((e) => e.signetErrors.length > 0);
const fpRules = new Map<string, number>();
for (const e of fp) for (const id of new Set(e.signetErrors.map((s) => s.issue.ruleId))) count(fpRules, id);
console.log(`examples: ${examples.length} file×profile runs, Tekton accepts ${accepted.length}; signet rejects ${fp.length} of those (files by rule: ${show(fpRules)})`);
for (const e of fp) console.log(`  FP ${e.profile} ${e.file}: ${e.signetErrors.map((s) => `[${s.issue.ruleId}] ${s.doc} ${s.issue.path}: ${s.issue.message}`).join(' | ')}`);
const rejected = examples.filter((e) => !e.tektonAccepts);
for (const e of rejected) console.log(`  Tekton rejects ${e.profile} ${e.file}: ${e.tektonErrors.join(' | ')}; signet: ${e.signetErrors.length} errors`);
