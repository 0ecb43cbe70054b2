/**
 * catalog/ on its own passes tekton-lint, and each generated resource is a catalog citizen: the version label
 * equals its folder, the required annotations are there, and the name matches the folder and file.
 */
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_CATEGORIES, CATALOG_KEYS } from '../../src/catalog/catalog-metadata.js';
import { formatLintProblems, lintTektonYaml } from '../helpers/tekton-lint.js';
import { tektonDocs, yamlFiles } from '../conformance/tekton-manifests.js';

const ROOT = resolve(import.meta.dirname, '../../catalog');
const files = yamlFiles(ROOT, true).filter((f) => tektonDocs(f).length > 0);
/** `<kind>/<name>/<version>/<name>.yaml`: the resources themselves (not samples or tests). */
const resources = files.filter((f) => relative(ROOT, f).split(sep).length === 4);

describe('catalog/ on its own', () => {
  it('passes tekton-lint with no errors', async () => {
    const result = await lintTektonYaml(files);
    expect(formatLintProblems(result.errors)).toBe('');
  });

  it('holds the four tasks and the build-and-sign pipeline', () => {
    expect(resources.map((f) => relative(ROOT, f).split(sep).join('/'))).toEqual([
      'pipeline/build-and-sign/0.1/build-and-sign.yaml',
      'task/buildah/0.1/buildah.yaml',
      'task/cosign-sign/0.1/cosign-sign.yaml',
      'task/cosign-verify/0.1/cosign-verify.yaml',
      'task/git-clone/0.1/git-clone.yaml',
    ]);
  });

  it.each(resources.map((f) => [relative(ROOT, f), f]))('%s carries the catalog metadata of its folder', (_, file) => {
    const [doc] = tektonDocs(file);
    const metadata = doc!.manifest.metadata as { labels: Record<string, string>; annotations: Record<string, string> };
    expect(doc!.name).toBe(basename(file, '.yaml'));
    expect(basename(dirname(dirname(file)))).toBe(doc!.name);
    expect(metadata.labels[CATALOG_KEYS.version]).toBe(basename(dirname(file)));
    expect(metadata.annotations[CATALOG_KEYS.minPipelinesVersion]).toMatch(/^\d+\.\d+\.\d+$/);
    for (const c of metadata.annotations[CATALOG_KEYS.categories]!.split(',').map((s) => s.trim())) {
      expect(CATALOG_CATEGORIES as readonly string[]).toContain(c);
    }
    expect(metadata.annotations[CATALOG_KEYS.tags]).toBeTruthy();
    expect(metadata.annotations[CATALOG_KEYS.displayName]).toBeTruthy();
    expect(metadata.annotations[CATALOG_KEYS.platforms]).toMatch(/^[a-z0-9]+\/[a-z0-9]+(,[a-z0-9]+\/[a-z0-9]+)*$/);
    const description = (doc!.manifest.spec as { description?: string }).description ?? '';
    expect(description.split('\n')[0]!.length).toBeGreaterThan(20);
  });
});
