#!/usr/bin/env node
/**
 * `npm run build` (also run by npm's `prepare`, so `npm ci`, `npm pack` and a git-URL install build):
 * compiles src/ to ESM JavaScript with declarations and source maps into lib/ (tsconfig.build.json),
 * then bundles the `signet` CLI into one file, lib/bin/signet-cli.cjs (one file to read, no module graph
 * to resolve), and makes the package's executable, lib/bin/signet.cjs (scripts/signet-bin.cjs), which
 * runs the bundle through a V8 code cache written here after a `--help` run (docs/benchmarks.md).
 *
 *   node scripts/build.mjs
 *
 * lib/ is emptied first, so a file removed from src/ does not live on in the package.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, rmSync } from 'node:fs';
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
execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs'), '--outfile', 'lib/bin/signet-cli.cjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
copyFileSync(join(root, 'scripts/signet-bin.cjs'), join(root, 'lib/bin/signet.cjs'));
// cdk8s-cli require()s validation plugins: the CommonJS entry goes beside the compiled plugin it imports
copyFileSync(join(root, 'src/lint/cdk8s-validation-plugin.cjs'), join(root, 'lib/lint/cdk8s-validation-plugin.cjs'));
chmodSync(join(root, 'lib/bin/signet.cjs'), 0o755);

// The cache holds what a `--help` run compiles; the wrapper text must match scripts/signet-bin.cjs's.
const MAKE_CACHE = `
const { readFileSync, writeFileSync } = require('node:fs');
const { Script } = require('node:vm');
const file = process.argv[1];
const script = new Script('(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'utf8') + '\\n})', { filename: file });
process.argv = [process.argv[0], file, '--help'];
process.stdout.write = () => true;
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, require, module_, file, require('node:path').dirname(file));
setImmediate(() => { writeFileSync(file + '.v8cache', script.createCachedData()); process.exitCode = 0; });
`;
execFileSync(process.execPath, ['-e', MAKE_CACHE, join(root, 'lib/bin/signet-cli.cjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
