/**
 * Access to the shared cosign test vectors in `../shared/vectors/cosign/` (relative to the repo
 * root). Tests that need them use `describe.skipIf(!VECTORS_PRESENT)`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the vectors folder (with a trailing slash). */
export const VECTORS_DIR = fileURLToPath(new URL('../../../../shared/vectors/cosign/', import.meta.url));

/** Whether the vectors are available; CI and developer machines have them next to the repo. */
export const VECTORS_PRESENT = existsSync(VECTORS_DIR);

if (!VECTORS_PRESENT) {
  console.warn(`cosign vectors not found at ${VECTORS_DIR}; the vector tests are skipped`);
}

/** Reads a vector file as bytes. */
export function vectorBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(VECTORS_DIR + relative));
}

/** Reads a vector file as UTF-8 text (byte-exact: no trimming). */
export function vectorText(relative: string): string {
  return readFileSync(VECTORS_DIR + relative, 'utf8');
}

/** Whether a vector file exists. */
export function vectorExists(relative: string): boolean {
  return existsSync(VECTORS_DIR + relative);
}

/** Sub-directories of a vector folder, sorted. */
export function vectorDirs(relative: string): string[] {
  if (!VECTORS_PRESENT) return [];
  return readdirSync(VECTORS_DIR + relative, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
