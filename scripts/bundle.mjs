#!/usr/bin/env node
/**
 * Bundles the signer CLI into one CommonJS file for the signer image.
 *
 *   node scripts/bundle.mjs [--entry FILE] [--outfile FILE] [--metafile FILE] [--json] [--measure]
 *
 * Deterministic: the same sources and esbuild version give the same bytes (no source map, no
 * timestamps, paths relative to the repository root, legal comments gathered at the end of the file).
 * CommonJS rather than ESM because `yaml` is CommonJS under the `node` condition and an ESM bundle
 * would need a `createRequire` banner (docs/toolchain.md §6).
 * `--json` prints `{"path","size","digest"}` as the last line (scripts/image.ts reads it);
 * `--measure` also times `node <bundle> --help` against `node -e 0`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    entry: { type: 'string', default: 'src/signer/cli/main.ts' },
    outfile: { type: 'string', default: 'build/signer/signet.cjs' },
    metafile: { type: 'string' },
    json: { type: 'boolean', default: false },
    measure: { type: 'boolean', default: false },
  },
});

const entry = resolve(repoRoot, values.entry);
const outfile = resolve(repoRoot, values.outfile);
if (!existsSync(entry)) {
  console.error(`bundle: entry '${relative(repoRoot, entry)}' does not exist; pass --entry FILE or add the signer CLI at src/signer/cli/main.ts`);
  process.exit(1);
}

let result;
try {
  result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    charset: 'utf8',
    metafile: values.metafile !== undefined,
    write: false,
    logLevel: 'warning',
    outfile,
  });
} catch {
  // esbuild has already printed the diagnostics
  console.error(`bundle: esbuild failed for '${relative(repoRoot, entry)}'; fix the errors above`);
  process.exit(1);
}

const [output] = result.outputFiles;
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(outfile, output.contents);
if (values.metafile !== undefined) {
  writeFileSync(resolve(repoRoot, values.metafile), `${JSON.stringify(result.metafile, null, 2)}\n`);
}
const size = output.contents.length;
const digest = `sha256:${createHash('sha256').update(output.contents).digest('hex')}`;

if (values.measure) {
  const median = (args) => {
    const times = [];
    for (let i = 0; i < 21; i++) {
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, args, { stdio: 'ignore' });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return times.sort((a, b) => a - b)[10];
  };
  const bundleMs = median([outfile, '--help']);
  const bareMs = median(['-e', '0']);
  console.log(`start-up (median of 21): node bundle --help ${bundleMs.toFixed(1)} ms, node -e 0 ${bareMs.toFixed(1)} ms, ratio ${(bundleMs / bareMs).toFixed(2)}`);
}

const path = relative(repoRoot, outfile);
if (values.json) console.log(JSON.stringify({ path, size, digest }));
else console.log(`bundle: ${path} ${(size / 1024).toFixed(1)} KiB ${digest}`);
