/**
 * catalog/ is generated: a fresh render into a temporary folder must match it byte for byte.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listCatalogFiles, renderCatalog, writeCatalogFiles } from '../../src/catalog/generate/index.js';
import { catalogContents } from '../../src/patterns/catalog-contents.js';
import { tempDir } from '../helpers/temp-dir.js';

const COMMITTED = resolve(import.meta.dirname, '../../catalog');
const HINT = 'catalog/ is out of date: run `npm run catalog` and commit the result';

describe('catalog/', () => {
  const fresh = tempDir('signet-catalog-');
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('matches a fresh `npm run catalog` byte for byte', () => {
    writeCatalogFiles(renderCatalog(catalogContents()), fresh);
    const files = listCatalogFiles(fresh);
    expect(listCatalogFiles(COMMITTED), HINT).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(COMMITTED, file), 'utf8'), `${HINT} (${file} differs)`).toBe(readFileSync(join(fresh, file), 'utf8'));
    }
  });

  it('renders the same bytes twice (deterministic)', () => {
    expect([...renderCatalog(catalogContents())]).toEqual([...renderCatalog(catalogContents())]);
  });
});
