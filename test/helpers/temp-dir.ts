import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders {@link tempDir} made for the running test file. */
const made: string[] = [];

/**
 * A fresh temporary folder (`mkdtemp` under the run's temporary folder), removed when the test file ends
 * (test/setup-file.ts calls {@link removeTempDirs}): keys, layouts and manifests never outlive their test.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Records a folder made elsewhere (e.g. by cdk8s' `Testing.app()`) for removal at the end of the file. */
export function removeLater(dir: string): void {
  made.push(dir);
}

/** Removes every folder made or recorded so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
