/**
 * dist/manifests is one set applied to one cluster: on its own it must pass tekton-lint (including
 * no-duplicate-resource, which a GitOps tool would hit as two objects with one name).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLintProblems, lintTektonYaml } from '../helpers/tekton-lint.js';
import { tektonDocs, yamlFiles } from '../conformance/tekton-manifests.js';

const files = yamlFiles(resolve(import.meta.dirname, '../../dist/manifests')).filter((f) => tektonDocs(f).length > 0);

describe('dist/manifests on its own', () => {
  it('passes tekton-lint with no errors', async () => {
    expect(files.length).toBeGreaterThan(0);
    const result = await lintTektonYaml(files);
    expect(formatLintProblems(result.errors)).toBe('');
  });
});
