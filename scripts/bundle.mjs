#!/usr/bin/env node
/**
 * Bundles the signer CLI for the signer image and the package: the launcher (src/signer/cli/launch.ts)
 * into --outfile, the file `node` runs, and the CLI (src/signer/cli/main.ts) into signet-cli.cjs beside
 * it, which the launcher compiles after it has started the key's scrypt. The launcher starts with a
 * `#!` line (it is the package's executable; the image drops the line). With --entry FILE, only FILE
 * is bundled, into --outfile (test stubs, bench helpers).
 *
 *   node scripts/bundle.mjs [--entry FILE] [--outfile FILE] [--metafile FILE] [--json] [--measure]
 *
 * Deterministic: the same sources and esbuild version give the same bytes (no source map, no
 * timestamps, paths relative to the repository root, legal comments gathered at the end of the file).
 * CommonJS rather than ESM because `yaml` is CommonJS under the `node` condition and an ESM bundle
 * would need a `createRequire` banner (docs/toolchain.md §6).
 * `--json` prints `{"path","size","digest"}` of --outfile, plus `"cli"` with the same of signet-cli.cjs
 * unless --entry was given, as the last line (scripts/image.ts reads it);
 * `--measure` also times `node <bundle> --help` against `node -e 0`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    entry: { type: 'string' },
    outfile: { type: 'string', default: 'build/signer/signet.cjs' },
    metafile: { type: 'string' },
    json: { type: 'boolean', default: false },
    measure: { type: 'boolean', default: false },
  },
});

const outfile = resolve(repoRoot, values.outfile);
// the CLI bundle's name is the one the launcher reads (src/signer/cli/commonjs-wrapper.ts)
const cliFile = join(dirname(outfile), 'signet-cli.cjs');
const jobs =
  values.entry === undefined
    ? [
        { entry: 'src/signer/cli/launch.ts', file: outfile, banner: '#!/usr/bin/env node' },
        { entry: 'src/signer/cli/main.ts', file: cliFile },
      ]
    : [{ entry: values.entry, file: outfile }];
if (values.entry === undefined && cliFile === outfile) {
  console.error(`bundle: --outfile must not be named signet-cli.cjs, the name of the CLI bundle beside the launcher; pass e.g. --outfile ${relative(repoRoot, join(dirname(outfile), 'signet.cjs'))}`);
  process.exit(1);
}
const written = [];
for (const job of jobs) written.push(await bundle(job));
const [main, cli] = written;

async function bundle({ entry: entryPath, file, banner }) {
  const entry = resolve(repoRoot, entryPath);
  if (!existsSync(entry)) {
    console.error(`bundle: entry '${relative(repoRoot, entry)}' does not exist; pass --entry FILE or add the signer CLI at src/signer/cli/`);
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
      ...(banner === undefined ? {} : { banner: { js: banner } }),
      metafile: values.metafile !== undefined,
      write: false,
      logLevel: 'warning',
      outfile: file,
    });
  } catch {
    // esbuild has already printed the diagnostics
    console.error(`bundle: esbuild failed for '${relative(repoRoot, entry)}'; fix the errors above`);
    process.exit(1);
  }
  const [output] = result.outputFiles;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, output.contents);
  if (banner !== undefined) chmodSync(file, 0o755);
  // the metafile describes the CLI's code, the part worth reading
  if (values.metafile !== undefined && entryPath !== 'src/signer/cli/launch.ts') {
    writeFileSync(resolve(repoRoot, values.metafile), `${JSON.stringify(result.metafile, null, 2)}\n`);
  }
  return { path: relative(repoRoot, file), size: output.contents.length, digest: `sha256:${createHash('sha256').update(output.contents).digest('hex')}` };
}

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

if (values.json) console.log(JSON.stringify({ ...main, ...(cli === undefined ? {} : { cli }) }));
else for (const { path, size, digest } of written) console.log(`bundle: ${path} ${(size / 1024).toFixed(1)} KiB ${digest}`);
