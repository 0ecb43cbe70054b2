/**
 * catalog/ is generated: a fresh render into a temporary folder must match it byte for byte.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatReleasedVersions,
  hashVersionFolder,
  listCatalogFiles,
  readReleasedVersions,
  RELEASED_VERSIONS_FILE,
  releasedVersionProblems,
  renderCatalog,
  splitVersionFolder,
  writeCatalogFiles,
} from '../../src/catalog/generate/index.js';
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

  describe('released versions (catalog/released-versions.json)', () => {
    const released = readReleasedVersions(COMMITTED);

    it('are byte for byte what was released', () => {
      expect(releasedVersionProblems(COMMITTED, released)).toEqual([]);
    });

    it('are older than the version the code renders now', () => {
      const current = new Map<string, [number, number]>();
      for (const file of listCatalogFiles(COMMITTED)) {
        const [resource, version] = splitVersionFolder(file.split('/').slice(0, 3).join('/'));
        current.set(resource, version);
      }
      for (const folder of Object.keys(released)) {
        const [resource, [major, minor]] = splitVersionFolder(folder);
        const now = current.get(resource);
        expect(now, `${folder}: no current version of ${resource}`).toBeDefined();
        expect(major < now![0] || (major === now![0] && minor < now![1]), `${folder} is not older than ${now!.join('.')}`).toBe(true);
      }
    });

    it('survive regeneration, and rendering into one is refused', () => {
      const dir = join(fresh, 'with-released');
      mkdirSync(join(dir, 'task/old/0.1'), { recursive: true });
      writeFileSync(join(dir, 'task/old/0.1/old.yaml'), 'kept\n');
      mkdirSync(join(dir, 'task/dropped/0.1'), { recursive: true });
      writeFileSync(join(dir, 'task/dropped/0.1/dropped.yaml'), 'gone\n');
      writeFileSync(join(dir, RELEASED_VERSIONS_FILE), formatReleasedVersions({ 'task/old/0.1': hashVersionFolder(join(dir, 'task/old/0.1')) }));
      writeCatalogFiles(new Map([['task/old/0.2/old.yaml', 'new\n']]), dir);
      expect(readFileSync(join(dir, 'task/old/0.1/old.yaml'), 'utf8')).toBe('kept\n');
      expect(listCatalogFiles(dir)).toEqual(['task/old/0.2/old.yaml']);
      expect(() => writeCatalogFiles(new Map([['task/old/0.1/old.yaml', 'edited\n']]), dir)).toThrow(/released catalog version/);
      writeFileSync(join(dir, 'task/old/0.1/old.yaml'), 'edited\n');
      expect(releasedVersionProblems(dir, readReleasedVersions(dir))).toEqual([expect.stringMatching(/^task\/old\/0\.1\/old\.yaml: released file changed/)]);
      cpSync(join(dir, 'task/old/0.2'), join(dir, 'task/old/0.1'), { recursive: true });
      expect(releasedVersionProblems(dir, readReleasedVersions(dir))).toHaveLength(1);
    });
  });
});

