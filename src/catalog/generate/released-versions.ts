import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The record of released catalog versions that the code no longer generates, relative to the catalog folder.
 *
 * The Tekton catalog keeps every released version folder (`task/<name>/<version>/`) when a newer one appears:
 * users pin a version by path (git resolver `pathInRepo`, `kubectl apply -f …/0.1/…`). The generator only
 * renders the current version, so older ones are frozen here, file by file with their sha256, and left alone.
 */
export const RELEASED_VERSIONS_FILE = 'released-versions.json';

/** Frozen version folders (`task/buildah/0.1`) → file path inside the folder → `sha256:<hex>` of its bytes. */
export type ReleasedVersions = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** A version folder path, `<kind>/<name>/<MAJOR.MINOR>`, as the Tekton catalog lays it out. */
const VERSION_FOLDER = /^(task|pipeline|stepaction)\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/(\d+)\.(\d+)$/;

/** Reads `catalog/released-versions.json`; a missing file means nothing is frozen yet. */
export function readReleasedVersions(catalogDir: string): ReleasedVersions {
  const path = join(catalogDir, RELEASED_VERSIONS_FILE);
  if (!existsSync(path)) return {};
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path}: expected an object of version folders`);
  for (const folder of Object.keys(parsed)) {
    if (!VERSION_FOLDER.test(folder)) throw new Error(`${path}: "${folder}" is not a <kind>/<name>/<MAJOR.MINOR> folder`);
  }
  return parsed as ReleasedVersions;
}

/** The sha256 of every file under `folder` (sorted `/`-separated paths), as {@link ReleasedVersions} records them. */
export function hashVersionFolder(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(folder, path).split(sep).join('/')] = `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  walk(folder);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Serialises the record deterministically (sorted folders, two-space JSON, final newline). */
export function formatReleasedVersions(released: ReleasedVersions): string {
  const sorted = Object.fromEntries(Object.entries(released).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** `task/buildah/0.1` → `['task/buildah', [0, 1]]`. */
export function splitVersionFolder(folder: string): [resource: string, version: [number, number]] {
  const match = VERSION_FOLDER.exec(folder);
  if (match === null) throw new Error(`"${folder}" is not a <kind>/<name>/<MAJOR.MINOR> folder`);
  return [folder.slice(0, folder.lastIndexOf('/')), [Number(match[3]), Number(match[4])]];
}

/**
 * What is wrong with the frozen folders under `catalogDir` compared with their record: a file changed,
 * added or missing. Empty when every released version is byte for byte what was released.
 */
export function releasedVersionProblems(catalogDir: string, released: ReleasedVersions): string[] {
  const problems: string[] = [];
  for (const [folder, files] of Object.entries(released)) {
    const dir = join(catalogDir, folder);
    if (!existsSync(dir)) {
      problems.push(`${folder}: released version is missing; restore it from git (released versions stay for users who pin them)`);
      continue;
    }
    const actual = hashVersionFolder(dir);
    for (const path of new Set([...Object.keys(files), ...Object.keys(actual)])) {
      if (files[path] === undefined) problems.push(`${folder}/${path}: file added to a released version; release a new version instead`);
      else if (actual[path] === undefined) problems.push(`${folder}/${path}: file missing from a released version; restore it from git`);
      else if (files[path] !== actual[path]) problems.push(`${folder}/${path}: released file changed; restore it from git and change the current version instead`);
    }
  }
  return problems;
}
