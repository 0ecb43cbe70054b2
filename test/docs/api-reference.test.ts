/**
 * `npm run docs` generates the API reference from the TSDoc of the public entry point (typedoc, typedoc.json). This
 * runs it into a temporary folder and checks that it succeeds and documents the constructs the guides name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('API reference (npm run docs)', () => {
  const out = tempDir('signet-api-docs-');
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is generated from the TSDoc and covers the constructs the guides use', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--out', out, '--logLevel', 'Error'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    for (const page of ['classes/Task.html', 'classes/Pipeline.html', 'classes/PipelineRun.html', 'classes/BuildAndSignPipeline.html', 'functions/useSignerImage.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    // the @default tags reach the pages
    expect(readFileSync(join(out, 'interfaces/CosignSignTaskProps.html'), 'utf8')).toMatch(/Default[\s\S]*signer-image\.lock\.json/);
  }, 240_000);
});
