#!/usr/bin/env node
/**
 * `npm run build` (also run by npm's `prepare`, so `npm ci`, `npm pack` and a git-URL install build):
 * compiles src/ to ESM JavaScript with declarations and source maps into lib/ (tsconfig.build.json),
 * then bundles the `signet` CLI into one executable file, lib/bin/signet.cjs, for a fast start
 * (one file to read, no module graph to resolve; docs/benchmarks.md).
 *
 *   node scripts/build.mjs
 *
 * lib/ is emptied first, so a file removed from src/ does not live on in the package.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

rmSync(join(root, 'lib'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('build: tsc failed on src/ (tsconfig.build.json); fix the errors above');
  process.exit(1);
}
execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs'), '--bin', '--outfile', 'lib/bin/signet.cjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
