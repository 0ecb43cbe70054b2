/**
 * The `npm pack` tarball: only what a user needs, and clean under the ecosystem's package linters
 * (publint for package.json/exports, Are the Types Wrong for the type declarations per resolution mode).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';

import { CODE_CACHE_SUFFIX, wrapCommonJs } from '../../src/signer/cli/commonjs-wrapper.js';
import { cleanEnv, packageTarball } from '../helpers/package-tarball.js';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

describe('the package tarball', () => {
  let tarball = '';
  beforeAll(async () => {
    tarball = await packageTarball();
  }, 600_000);

  it('holds the compiled library, its declarations, the CLI bundle and the signer lock; no sources, tests or benches', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    const files = stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''));
    const outsideLib = files.filter((f) => !f.startsWith('lib/')).sort();
    expect(outsideLib.filter((f) => !/^(README\.md|LICENSE)$/.test(f))).toEqual(['package.json', 'signer-image.lock.json']);
    expect(files).toContain('lib/index.js');
    expect(files).toContain('lib/index.d.ts');
    expect(files).toContain('lib/index.js.map');
    expect(files).toContain('lib/bin/signet.cjs');
    expect(files).toContain('lib/bin/signet-cli.cjs');
    expect(files).toContain('lib/bin/signet-cli.cjs.v8cache');
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|bench|scripts|fixtures)\//.test(f))).toEqual([]);
  });

  it("ships a V8 code cache that this Node accepts for the CLI bundle as the launcher wraps it", async () => {
    const dir = tempDir('signet-cache-');
    await run('tar', ['xzf', tarball, '-C', dir, 'package/lib/bin/signet-cli.cjs', 'package/lib/bin/signet-cli.cjs.v8cache']);
    const file = join(dir, 'package/lib/bin/signet-cli.cjs');
    const script = new Script(wrapCommonJs(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(`${file}${CODE_CACHE_SUFFIX}`) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('passes publint with no errors or warnings', async () => {
    const result = await run(process.execPath, [resolve(ROOT, 'node_modules/publint/src/cli.js'), tarball], { env: cleanEnv() });
    expect(result.stdout).toMatch(/All good!/);
  });

  // One rule is off: cjs-resolves-to-esm says `require('signet')` from CommonJS gets an ES module, which
  // attw counts as "dynamic import only". Node >= 20.19 (package.json engines) loads it with require()
  // (require(esm), no flag), and TypeScript's `module: nodenext` allows it; test/package/esm-project.test.ts
  // requires the installed package from plain node to prove it.
  it('passes @arethetypeswrong/cli for every resolution mode (node10, node16 CJS and ESM, bundler)', async () => {
    const attw = resolve(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const result = await run(process.execPath, [attw, tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii'], { env: cleanEnv() }).catch(
      (error: { stdout: string; code: number }) => error,
    );
    expect(result.stdout).not.toMatch(/❌|💀|🐛|🥴|❗️|⚠️/u);
    expect((result as { code?: number }).code ?? 0, result.stdout).toBe(0);
  });
});
