import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this run's `npm pack` tarball (test/helpers/package-tarball.ts), packed on first use. */
    signetPackageDir: string;
  }
}

/**
 * Vitest global set-up.
 *
 * - Registry tests start their own registries (test/helpers/registry.ts); this only reports early, once, when
 *   the registry binary is missing, instead of failing every suite with the same message. `npm test` installs
 *   it through the `pretest` script.
 * - Every temporary file of this run goes into a folder of its own (`TMPDIR`, which the test processes and
 *   their children inherit), so that other runs on the same machine do not disturb the check at the end:
 *   tests clean up after themselves, and the run fails when anything is left there. The folder is removed
 *   either way.
 * - The run has one folder for the package tarball, so that test files share one `npm pack`; it is removed at
 *   the end.
 */
export default function setup(project: TestProject): () => void {
  if (!existsSync('/usr/bin/docker-registry')) {
    console.warn('signet: /usr/bin/docker-registry is missing, registry tests will fail; run "node scripts/ensure-test-deps.mjs" as root');
  }
  const previous = process.env['TMPDIR'];
  const runTmp = mkdtempSync(join(tmpdir(), 'signet-test-run-'));
  process.env['TMPDIR'] = runTmp;
  const packageDir = mkdtempSync(join(tmpdir(), 'signet-package-run-'));
  project.provide('signetPackageDir', packageDir);
  return () => {
    rmSync(packageDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    // tsx and v8-compile-cache (used by tools the tests run) keep compile caches there: not leftovers.
    const left = readdirSync(runTmp).filter((name) => !/^(tsx|v8-compile-cache)-\d+$/.test(name));
    rmSync(runTmp, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0: set the exit code too.
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} entries in the temporary folder (${left.slice(0, 10).join(', ')}${left.length > 10 ? ', …' : ''}); remove them in the test that made them`);
    }
  };
}
