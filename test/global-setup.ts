import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
 * Vitest global set-up. Registry tests start their own registries (test/helpers/registry.ts); this
 * only reports early, once, when the registry binary is missing, instead of failing every suite
 * with the same message. `npm test` installs it through the `pretest` script.
 * It also gives the run one folder for the package tarball, so that test files share one `npm pack`,
 * and removes it at the end.
 */
export default function setup(project: TestProject): () => void {
  if (!existsSync('/usr/bin/docker-registry')) {
    console.warn('signet: /usr/bin/docker-registry is missing, registry tests will fail; run "node scripts/ensure-test-deps.mjs" as root');
  }
  const packageDir = mkdtempSync(join(tmpdir(), 'signet-package-run-'));
  project.provide('signetPackageDir', packageDir);
  return () => rmSync(packageDir, { recursive: true, force: true });
}
