import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, synthApp } from '../../src/app/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const DIST = resolve(import.meta.dirname, '../../dist/manifests');

describe('dist/manifests', () => {
  it('matches a fresh synth byte for byte', () => {
    const outdir = tempDir('signet-drift-');
    expect(synthApp(buildApp({ outdir }), { stderr: () => undefined })).toBe(0);
    const fresh = readdirSync(outdir).sort();
    const committed = readdirSync(DIST).sort();
    const hint = 'dist/manifests is out of date: run `npx cdk8s synth` and commit the result';
    expect(committed, hint).toEqual(fresh);
    // the GitOps entry point lists exactly the chart files
    expect(fresh).toContain('kustomization.yaml');
    const listed = /resources:\n((?:  - .*\n)+)/.exec(readFileSync(join(outdir, 'kustomization.yaml'), 'utf8'))?.[1] ?? '';
    expect(listed.trim().split('\n').map((l) => l.replace(/^\s*- /, ''))).toEqual(fresh.filter((f) => f.endsWith('.k8s.yaml')));
    for (const file of fresh) {
      expect(readFileSync(join(DIST, file), 'utf8'), `${hint} (${file} differs)`).toBe(readFileSync(join(outdir, file), 'utf8'));
    }
  });
});
