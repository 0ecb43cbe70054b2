/**
 * Differential fuzzing against Tekton's webhook: at least 2,000 seeded random documents
 * (test/fuzz/_document-generator.ts), most broken by one mutation aimed at one webhook rule. For each,
 * signet's verdict (refused when it reports an error of a webhook-level rule, see rules.ts
 * `ruleLevel`) must equal Tekton's. References are not resolved (the webhook does not resolve them
 * either). A disagreement prints the document, both verdicts and the rule the mutation targets;
 * rerun one seed with FUZZ_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';

import { formatIssue, validateTektonObject } from '../../src/tekton/validation/index.js';
import { describeVerdict, tektonVerdicts } from '../helpers/tekton-oracle.js';
import { oracleConfig, webhookErrors } from '../oracles/_differential.js';
import { generateDocuments } from './_document-generator.js';

const SEEDS = Number(process.env.FUZZ_SEEDS ?? 450);
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const MIN_DOCUMENTS = 2000;

describe('signet and Tekton agree on generated documents', () => {
  it(`documents from ${SEEDS} seeds starting at ${BASE_SEED}`, () => {
    const generated = generateDocuments(BASE_SEED, SEEDS);
    const verdicts = tektonVerdicts(generated.map((g) => ({ doc: g.doc, ...oracleConfig(g.featureFlags) })));
    const disagreements: string[] = [];
    const panics: string[] = [];
    const byRule = new Map<string, { total: number; refused: number }>();
    generated.forEach((g, i) => {
      const tekton = verdicts[i];
      if (!tekton?.judged) return;
      // Tekton's own code crashed: the request fails, so it is a refusal (signet models the one crash
      // it knows, RUN-11 in inline-params.ts); listed so a new one is noticed.
      if (tekton.stage === 'panic') panics.push(`seed ${g.seed} ${g.rule}: ${tekton.errors[0]?.message ?? ''}`);
      const signet = webhookErrors(validateTektonObject(g.doc, { featureFlags: g.featureFlags }));
      const stats = byRule.get(g.rule) ?? { total: 0, refused: 0 };
      byRule.set(g.rule, { total: stats.total + 1, refused: stats.refused + (tekton.accepted ? 0 : 1) });
      if (tekton.accepted === (signet.length === 0)) return;
      disagreements.push(
        [
          `seed ${g.seed}, mutation ${g.rule} (${g.what}), ${g.doc.kind}/${g.doc.metadata?.name ?? ''}, flags ${JSON.stringify(g.featureFlags)}`,
          `  tekton: ${describeVerdict(tekton)}`,
          `  signet: ${signet.length === 0 ? 'accepted' : signet.map(formatIssue).join('\n          ')}`,
          `  document: ${JSON.stringify(g.doc)}`,
        ].join('\n'),
      );
    });
    const judged = [...byRule.values()].reduce((n, s) => n + s.total, 0);
    if (panics.length > 0) console.log(`oracle fuzz: Tekton panicked on ${panics.length} documents:\n  ${panics.join('\n  ')}`);
    console.log(`oracle fuzz: ${judged} documents judged; by mutation (total/refused by Tekton): ${[...byRule].sort().map(([r, s]) => `${r}=${s.total}/${s.refused}`).join(' ')}`);
    expect(disagreements.slice(0, 15).join('\n\n'), `${disagreements.length} disagreements`).toBe('');
    expect(judged).toBeGreaterThanOrEqual(MIN_DOCUMENTS);
  });
});
