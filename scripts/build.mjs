#!/usr/bin/env node
/**
 * `npm run build` (also run by npm's `prepare`, so `npm ci`, `npm pack` and a git-URL install build):
 * compiles src/ to ESM JavaScript with declarations and source maps into lib/ (tsconfig.build.json),
 * then bundles the `signet` CLI (scripts/bundle.mjs): the package's executable, lib/bin/signet.cjs, a small
 * launcher that starts the key's scrypt before it compiles the CLI bundle beside it, lib/bin/signet-cli.cjs
 * (one file to read, no module graph to resolve), through a V8 code cache written here after a `--help`
 * run (docs/benchmarks.md). The signer image holds the same two files, without the cache.
 *
 *   node scripts/build.mjs
 *
 * lib/ is emptied first, so a file removed from src/ does not live on in the package.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

rmSync(join(root, 'lib'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('build: tsc failed on src/ (tsconfig.build.json); fix the errors above');
  process.exit(1);
}
execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs'), '--outfile', 'lib/bin/signet.cjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
// cdk8s-cli require()s validation plugins: the CommonJS entry goes beside the compiled plugin it imports
copyFileSync(join(root, 'src/lint/cdk8s-validation-plugin.cjs'), join(root, 'lib/lint/cdk8s-validation-plugin.cjs'));

// The cache holds what a `--help` run compiles, of the bundle wrapped as the launcher wraps it (the
// compiled wrapper from lib/, passed in as its two halves around a marker).
const { wrapCommonJs, CODE_CACHE_SUFFIX } = await import(pathToFileURL(join(root, 'lib/signer/cli/commonjs-wrapper.js')).href);
const MARKER = '\u0000bundle\u0000';
const [head, tail] = wrapCommonJs(MARKER).split(MARKER);
const MAKE_CACHE = `
const { readFileSync, writeFileSync } = require('node:fs');
const { Script } = require('node:vm');
const file = process.argv[1];
const [head, tail] = JSON.parse(process.argv[2]);
const suffix = process.argv[3];
const script = new Script(head + readFileSync(file, 'utf8') + tail, { filename: file });
process.argv = [process.argv[0], file, '--help'];
process.stdout.write = () => true;
// the CLI exits when its command returns; here the process must live on to write the cache
process.exit = () => undefined;
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, require, module_, file, require('node:path').dirname(file));
setImmediate(() => { writeFileSync(file + suffix, script.createCachedData()); process.exitCode = 0; });
`;
execFileSync(process.execPath, ['-e', MAKE_CACHE, join(root, 'lib/bin/signet-cli.cjs'), JSON.stringify([head, tail]), CODE_CACHE_SUFFIX], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
