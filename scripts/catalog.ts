/**
 * `npm run catalog [-- --out DIR]`: regenerates the Tekton catalog (default `catalog/`) from the constructs in
 * src/catalog and src/patterns. Deterministic: run it twice, get the same bytes.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG_DIR, renderCatalog, writeCatalogFiles } from '../src/catalog/generate/index.js';
import { catalogContents } from '../src/patterns/catalog-contents.js';

function main(): number {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? CATALOG_DIR);
  try {
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
