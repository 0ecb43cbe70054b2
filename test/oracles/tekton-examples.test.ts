/**
 * Tekton's own example YAML (examples/ of the downloaded tektoncd/pipeline module, read at test time,
 * never copied here), under the feature-flag profiles of Tekton's e2e jobs that apply them: every
 * file Tekton's webhook admits, signet's validator admits too (no error of any rule, references
 * resolved within the file as `kubectl apply -f FILE` would).
 */
import { describe, expect, it } from 'vitest';

import { formatIssue } from '../../src/tekton/validation/index.js';
import { e2eProfiles, judgeExamples } from './_differential.js';

describe("Tekton's examples under its e2e profiles", () => {
  it('finds the alpha, beta and stable profiles of the e2e jobs', () => {
    expect(e2eProfiles().map((p) => p.gate).sort()).toEqual(['alpha', 'beta', 'stable']);
  });

  it('signet admits every example file Tekton admits', () => {
    const outcomes = judgeExamples();
    const accepted = outcomes.filter((o) => o.tektonAccepts);
    const falsePositives = accepted
      .filter((o) => o.signetErrors.length > 0)
      .map((o) => `${o.profile} ${o.file}:\n    ${o.signetErrors.map((e) => `${e.doc} ${formatIssue(e.issue)}`).join('\n    ')}`);
    expect(falsePositives).toEqual([]);
    // The examples of v1.15 are all admitted; far fewer would mean the walk or the oracle broke.
    expect(accepted.length).toBeGreaterThan(300);
  });
});
