/**
 * `signet lint` on Tekton's own examples (examples/ of the downloaded tektoncd/pipeline module, read at test
 * time), under the feature-flag profiles of Tekton's e2e jobs: the folder walk finds every example file, and
 * lint reports errors only in files Tekton's webhook (test/oracles/tekton) rejects. Each file is linted on its
 * own, as the e2e jobs `kubectl apply` one file at a time (a folder linted at once resolves references across
 * files, and the examples reuse names).
 */
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { type LintSource, lintSources, readSources } from '../../src/lint/index.js';
import { tektonModuleDir, tektonVerdicts } from '../helpers/tekton-oracle.js';
import { e2eProfiles, exampleFiles, yamlDocuments } from '../oracles/_differential.js';

describe("signet lint on Tekton's examples", () => {
  it('reports errors only in example files that Tekton rejects', async () => {
    const root = join(tektonModuleDir(), 'examples');
    const sources = await readSources([root], { cwd: root });
    const byFile = new Map<string, LintSource>(sources.map((s) => [join(root, s.file), s]));
    const jobs = e2eProfiles().flatMap((profile) => exampleFiles(profile.gate).map((file) => ({ profile, file, docs: yamlDocuments(file) })));
    // the folder walk picks up every file the e2e jobs apply
    expect(jobs.filter((j) => !byFile.has(j.file)).map((j) => j.file)).toEqual([]);
    const verdicts = tektonVerdicts(jobs.flatMap((j) => j.docs.map((doc) => ({ doc, featureFlags: j.profile.featureFlags }))));
    let next = 0;
    let accepted = 0;
    const falsePositives: string[] = [];
    for (const job of jobs) {
      const mine = verdicts.slice(next, next + job.docs.length);
      next += job.docs.length;
      if (!mine.every((v) => !v.judged || v.accepted)) continue;
      accepted += 1;
      const result = lintSources([byFile.get(job.file) as LintSource], { featureFlags: job.profile.featureFlags });
      for (const f of result.findings) {
        if (f.issue.severity === 'error') falsePositives.push(`${job.profile.gate} ${relative(root, job.file)}:${f.line}:${f.column} ${f.object} [${f.issue.ruleId}] ${f.issue.path}: ${f.issue.message}`);
      }
    }
    expect(falsePositives).toEqual([]);
    expect(accepted).toBeGreaterThan(300);
  });
});
