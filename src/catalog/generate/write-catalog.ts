import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Top-level folders of the catalog that the generator owns (and replaces as a whole). */
export const GENERATED_CATALOG_FOLDERS = ['task', 'pipeline'] as const;

/**
 * Writes `files` (path relative to `dir` → content) under `dir`, after removing the generated folders so that
 * an entry dropped from the code disappears from disk too. Shell hooks are made executable.
 */
export function writeCatalogFiles(files: ReadonlyMap<string, string>, dir: string): void {
  for (const folder of GENERATED_CATALOG_FOLDERS) rmSync(join(dir, folder), { recursive: true, force: true });
  for (const [path, text] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    if (path.endsWith('.sh')) chmodSync(target, 0o755);
  }
}

/** Every file under the generated folders of `dir`, as sorted `/`-separated relative paths. */
export function listCatalogFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  for (const folder of GENERATED_CATALOG_FOLDERS) walk(join(dir, folder));
  return out.sort();
}
