import { chmodSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import { readReleasedVersions } from './released-versions.js';

/** Top-level folders of the catalog that the generator owns (and replaces, except released versions). */
export const GENERATED_CATALOG_FOLDERS = ['task', 'pipeline'] as const;

/**
 * Writes `files` (path relative to `dir` → content) under `dir`, after removing every generated version folder
 * so that an entry dropped from the code disappears from disk too. Released versions recorded in
 * `released-versions.json` stay as they are; rendering into one is refused (bump the version instead).
 * Shell hooks are made executable.
 */
export function writeCatalogFiles(files: ReadonlyMap<string, string>, dir: string): void {
  const released = new Set(Object.keys(readReleasedVersions(dir)));
  for (const path of files.keys()) {
    const folder = path.split('/').slice(0, 3).join('/');
    if (released.has(folder)) throw new Error(`${folder} is a released catalog version and stays as released; give the changed resource a new version`);
  }
  for (const folder of versionFolders(dir)) {
    if (!released.has(folder)) rmSync(join(dir, folder), { recursive: true, force: true });
  }
  removeEmptyFolders(dir);
  for (const [path, text] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    if (path.endsWith('.sh')) chmodSync(target, 0o755);
  }
}

/** Every generated file under `dir` (released versions left out), as sorted `/`-separated relative paths. */
export function listCatalogFiles(dir: string): string[] {
  const released = new Set(Object.keys(readReleasedVersions(dir)));
  const out: string[] = [];
  for (const folder of versionFolders(dir)) {
    if (!released.has(folder)) walkFiles(join(dir, folder), (path) => out.push(relative(dir, path).split(sep).join('/')));
  }
  return out.sort();
}

/** `<kind>/<name>/<version>` folders present under the generated top-level folders of `dir`. */
function versionFolders(dir: string): string[] {
  const out: string[] = [];
  for (const kind of GENERATED_CATALOG_FOLDERS) {
    for (const name of subfolders(join(dir, kind))) {
      for (const version of subfolders(join(dir, kind, name))) out.push(`${kind}/${name}/${version}`);
    }
  }
  return out;
}

function subfolders(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.filter((e) => statSync(join(dir, e)).isDirectory()).sort();
}

function walkFiles(dir: string, onFile: (path: string) => void): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walkFiles(path, onFile);
    else onFile(path);
  }
}

/** Drops `<kind>/<name>` folders left empty once their versions went. */
function removeEmptyFolders(dir: string): void {
  for (const kind of GENERATED_CATALOG_FOLDERS) {
    for (const name of subfolders(join(dir, kind))) {
      if (readdirSync(join(dir, kind, name)).length === 0) rmdirSync(join(dir, kind, name));
    }
  }
}
