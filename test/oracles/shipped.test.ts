/**
 * Everything signet emits is admitted by Tekton's webhook (the oracle): dist/manifests, catalog/,
 * and the manifests of every synth-fuzz program that passes signet's validation.
 */
import { App, Chart } from 'cdk8s';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { TektonObject } from '../../src/constructs/index.js';
import { describeVerdict, tektonVerdicts } from '../helpers/tekton-oracle.js';
import { REPO_ROOT } from '../helpers/tekton-schemas.js';
import { tektonDocs, yamlFiles } from '../conformance/tekton-manifests.js';
import { buildRandomProgram } from '../fuzz/_program-generator.js';

const FUZZ_PROGRAMS = 300;
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20_260_501);

function refused(docs: readonly { where: string; manifest: unknown }[]): string[] {
  const verdicts = tektonVerdicts(docs.map((d) => ({ doc: d.manifest })));
  return docs.flatMap((d, i) => {
    const v = verdicts[i];
    return v && v.judged && !v.accepted ? [`${d.where} ${v.kind}/${v.name}: ${describeVerdict(v)}`] : [];
  });
}

describe('Tekton admits what signet emits', () => {
  it('dist/manifests and catalog/', () => {
    const docs = [...yamlFiles(resolve(REPO_ROOT, 'dist/manifests')), ...yamlFiles(resolve(REPO_ROOT, 'catalog'), true)].flatMap(tektonDocs);
    expect(docs.length).toBeGreaterThan(10);
    expect(refused(docs)).toEqual([]);
  });

  it(`the valid outputs of ${FUZZ_PROGRAMS} synth-fuzz programs from seed ${BASE_SEED}`, () => {
    const docs: { where: string; manifest: unknown }[] = [];
    for (let i = 0; i < FUZZ_PROGRAMS; i += 1) {
      const seed = BASE_SEED + i;
      const app = new App();
      const chart = new Chart(app, 'fuzz');
      try {
        buildRandomProgram(chart, seed);
      } catch {
        continue; // a construct error: nothing is emitted
      }
      if (TektonObject.validateAll(app).some((issue) => issue.severity === 'error')) continue;
      chart.toJson().forEach((manifest, n) => docs.push({ where: `seed ${seed} #${n}`, manifest }));
    }
    expect(docs.length).toBeGreaterThan(FUZZ_PROGRAMS / 2);
    expect(refused(docs)).toEqual([]);
  });
});
