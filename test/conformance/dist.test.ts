/**
 * Everything the project ships passes three independent checks: the official CRD schemas (unknown
 * fields are errors, embedded specs included), tekton-lint, and our own validator.
 */
import { resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReleasedVersions } from '../../src/catalog/generate/index.js';
import { formatIssue, validateTektonObject, type ValidationContext } from '../../src/tekton/validation/index.js';
import { formatLintProblems, lintTektonYaml } from '../helpers/tekton-lint.js';
import { REPO_ROOT, SHARED_MISSING, sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';
import { finder, tektonDocs, yamlFiles } from './tekton-manifests.js';

/**
 * The two shipped sets are applied independently: `dist/manifests` as one GitOps set, the catalog one
 * resource at a time. Each is checked as its own namespace, so the same Task name in both (the app's
 * `cosign-sign` and the catalog's) is not a clash; a released older version of a catalog resource
 * (catalog/released-versions.json) is a set of its own, as it replaces the current one when applied.
 */
const CATALOG = resolve(REPO_ROOT, 'catalog');
const RELEASED = Object.keys(readReleasedVersions(CATALOG)).map((folder) => resolve(CATALOG, folder) + sep);
const SETS = [
  { label: 'dist/manifests', files: yamlFiles(resolve(REPO_ROOT, 'dist/manifests')) },
  { label: 'catalog', files: yamlFiles(CATALOG, true).filter((f) => !RELEASED.some((r) => f.startsWith(r))) },
  ...RELEASED.map((r) => ({ label: `catalog (released ${r.slice(CATALOG.length + 1, -1)})`, files: yamlFiles(r, true) })),
];
const NOTHING = 'no Tekton objects here yet (run `npx cdk8s synth` / `npm run catalog`)';

describe.each(SETS)('shipped Tekton objects in $label', ({ files }) => {
  const docs = files.flatMap(tektonDocs);
  const filesWithTekton = files.filter((f) => tektonDocs(f).length > 0);

  it.skipIf(docs.length > 0)(NOTHING, () => undefined);

  describe.skipIf(docs.length === 0)(`${docs.length} objects in ${filesWithTekton.length} files`, () => {
    it.skipIf(!sharedAvailable())('pass the official CRD schemas with unknown fields as errors', () => {
      const failures = docs.flatMap((d) => validateAgainstCrdSchema(d.manifest).map((e) => `${d.where} ${d.kind}/${d.name} ${e}`));
      expect(failures).toEqual([]);
    });
    it.skipIf(sharedAvailable())(SHARED_MISSING, () => undefined);

    it('pass tekton-lint with no errors', async () => {
      const result = await lintTektonYaml(filesWithTekton);
      expect(formatLintProblems(result.errors)).toBe('');
    });

    it('pass validateTektonObject with no errors', () => {
      // References resolve against everything in the set, as they would in one namespace.
      const context: ValidationContext = { findTask: finder(docs, 'Task'), findPipeline: finder(docs, 'Pipeline'), findStepAction: finder(docs, 'StepAction') };
      const errors = docs.flatMap((d) =>
        validateTektonObject(d.manifest, context)
          .filter((i) => i.severity === 'error')
          .map((i) => `${d.where} ${d.kind}/${d.name} ${formatIssue(i)}`),
      );
      expect(errors).toEqual([]);
    });
  });
});
