import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');

function run(entry: string, outdir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, CDK8S_OUTDIR: outdir },
    encoding: 'utf8',
  });
}

describe('src/main.ts', () => {
  it('writes the manifests and exits 0', () => {
    const outdir = join(tempDir('signet-main-'), 'out');
    const result = run('src/main.ts', outdir);
    expect(result.stderr).not.toMatch(/synth failed/);
    expect(result.status).toBe(0);
    expect(readdirSync(outdir).sort()).toEqual(['build-and-sign-app.k8s.yaml', 'deploy-policies.k8s.yaml', 'kustomization.yaml', 'signed-build.k8s.yaml']);
  });

  it('fails a broken pipeline with every error listed, no stack trace and no file written', () => {
    const outdir = join(tempDir('signet-broken-'), 'out');
    const result = run('test/app/fixtures/broken-app.ts', outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('synth failed: 4 error(s); no manifest was written');
    expect(result.stderr).toMatch(/\[broken\/build\] \[STEP-1\] spec\.steps: .*; give every step a distinct name/);
    expect(result.stderr).toMatch(/\[broken\/build-and-sign\] \[PT-11\] spec\.tasks\[build\]\.params: .*"IMAGE"/);
    expect(result.stderr).toMatch(/\[broken\/build-and-sign\] \[PT-12\] .*"NOPE"/);
    expect(result.stderr).toMatch(/\[broken\/build-and-sign\] \[DAG-3\] spec\.tasks: cycle detected/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(outdir)).toBe(false);
  });
});
