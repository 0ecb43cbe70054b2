/**
 * `npm run catalog [-- --out DIR]`: regenerates the Tekton catalog (default `catalog/`) from the constructs in
 * src/catalog and src/patterns. Deterministic: run it twice, get the same bytes. Released versions recorded in
 * `catalog/released-versions.json` stay untouched.
 *
 * `npm run catalog -- --freeze task/<name>/<version>`: records a version folder as released (run it before
 * changing a resource's params, results or default behaviour, then give the construct its next version).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CATALOG_DIR,
  formatReleasedVersions,
  hashVersionFolder,
  readReleasedVersions,
  RELEASED_VERSIONS_FILE,
  renderCatalog,
  splitVersionFolder,
  writeCatalogFiles,
} from '../src/catalog/generate/index.js';
import { catalogContents } from '../src/patterns/catalog-contents.js';

function freeze(out: string, folder: string): void {
  splitVersionFolder(folder);
  const released = { ...readReleasedVersions(out), [folder]: hashVersionFolder(join(out, folder)) };
  writeFileSync(join(out, RELEASED_VERSIONS_FILE), formatReleasedVersions(released));
  process.stdout.write(`recorded ${folder} as released in ${join(out, RELEASED_VERSIONS_FILE)}\n`);
}

function main(): number {
  const { values } = parseArgs({ options: { out: { type: 'string' }, freeze: { type: 'string', multiple: true } } });
  const out = resolve(values.out ?? CATALOG_DIR);
  try {
    for (const folder of values.freeze ?? []) freeze(out, folder);
    if (values.freeze !== undefined) return 0;
    const files = renderCatalog(catalogContents());
    writeCatalogFiles(files, out);
    process.stdout.write(`wrote ${files.size} files to ${out}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`catalog failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = main();
