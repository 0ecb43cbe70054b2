#!/usr/bin/env node
'use strict';
// The installed `signet` command (npm run build copies this file to lib/bin/signet.cjs). It runs the CLI
// bundle next to it through the V8 code cache the build made (signet-cli.cjs.v8cache): compiling the
// bundle was most of the difference between `signet --help` and a bare `node` (docs/benchmarks.md).
// V8 rejects a cache from another Node version or other flags, and the bundle then compiles as usual.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, 'signet-cli.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${file}.v8cache`);
} catch {
  cachedData = undefined;
}
const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
const module_ = { exports: {} };
new Script(wrapped, { filename: file, cachedData }).runInThisContext()(module_.exports, require, module_, file, __dirname);
