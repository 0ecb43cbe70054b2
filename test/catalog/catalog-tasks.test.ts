import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  BuildahTask,
  CATALOG_IMAGES,
  CatalogTask,
  catalogObjectMetadata,
  GitCloneTask,
  placeholderImages,
  renderCatalog,
} from '../../src/catalog/index.js';
import { TaskRun, TektonObject } from '../../src/constructs/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const steps = (o: any) => o.spec.steps as any[];

describe('placeholder images', () => {
  it('lists the default images whose digest is a stand-in (replace these before production)', () => {
    // If this list changes, update docs/catalog.md and the task READMEs' notes.
    expect(placeholderImages()).toEqual([]);
    expect(CATALOG_IMAGES.gitInit.placeholder).toBe(false);
    expect(CATALOG_IMAGES.buildah.placeholder).toBe(false);
  });
});

describe('catalog metadata', () => {
  it('renders every catalog label and annotation', () => {
    expect(catalogObjectMetadata({ version: '0.2', categories: ['Git', 'Security'], tags: ['git'], displayName: 'x', deprecated: true }, { name: 'n' })).toEqual({
      name: 'n',
      labels: { 'app.kubernetes.io/version': '0.2' },
      annotations: {
        'tekton.dev/pipelines.minVersion': '1.0.0',
        'tekton.dev/categories': 'Git, Security',
        'tekton.dev/tags': 'git',
        'tekton.dev/displayName': 'x',
        'tekton.dev/platforms': 'linux/amd64,linux/arm64',
        'tekton.dev/deprecated': 'true',
      },
    });
  });

  it.each([
    [{ version: '1' }, /catalog version '1' is not MAJOR.MINOR/],
    [{ categories: ['Builds'] }, /catalog category 'Builds' is not a Hub category; use one of: Automation/],
    [{ categories: [] }, /catalog categories are empty/],
    [{ platforms: ['linux-amd64'] }, /catalog platform 'linux-amd64' is not an os\/arch pair/],
    [{ tags: ['Image Build'] }, /catalog tag 'Image Build' must be lower-case/],
    [{ minPipelinesVersion: 'v1' }, /minPipelinesVersion 'v1' is not a release version/],
  ])('rejects %j', (bad, message) => {
    const chart = Testing.chart();
    const catalog = { version: '0.1', categories: ['Git'], tags: ['git'], displayName: 'x', ...bad } as any;
    expect(() => new CatalogTask(chart, 't', { catalog, description: 'Does a thing.' })).toThrow(message);
  });

  it('requires a description with a summary line', () => {
    const catalog = { version: '0.1', categories: ['Git'] as const, tags: [], displayName: 'x' };
    expect(() => new CatalogTask(Testing.chart(), 't', { catalog, description: '' })).toThrow(/catalog resources need spec.description/);
  });
});

describe('GitCloneTask', () => {
  const chart = Testing.chart();
  const task = new GitCloneTask(chart, 'clone');
  const [json] = Testing.synth(chart);

  it("declares the catalog git-clone's interface", () => {
    expect(task.name).toBe('git-clone');
    expect(task.results.map((r) => r.name)).toEqual(['commit', 'url', 'committer-date']);
    expect(task.workspaces.map((w) => [w.name, w.optional ?? false])).toEqual([
      ['output', false],
      ['ssh-directory', true],
      ['basic-auth', true],
      ['ssl-ca-directory', true],
    ]);
    expect(task.params.map((p) => p.name)).toEqual([
      'url', 'revision', 'refspec', 'submodules', 'depth', 'sslVerify', 'crtFileName', 'subdirectory',
      'sparseCheckoutDirectories', 'deleteExisting', 'httpProxy', 'httpsProxy', 'noProxy', 'verbose', 'userHome',
    ]);
  });

  it('runs a pinned image as uid 65532 with params only through env', () => {
    const [step] = steps(json);
    expect(step.image).toBe(CATALOG_IMAGES.gitInit.reference);
    expect(step.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, allowPrivilegeEscalation: false });
    expect(step.script).not.toContain('$(params.');
    expect(step.script.startsWith('#!/usr/bin/env sh\nset -eu\n')).toBe(true);
  });

  it('refuses an image that is not pinned by digest', () => {
    expect(() => new GitCloneTask(Testing.chart(), 'c', { gitInitImage: 'ghcr.io/tektoncd-catalog/git-clone:v1.1.0' })).toThrow(
      /gitInitImage: image 'ghcr.io\/tektoncd-catalog\/git-clone:v1.1.0' is not pinned by digest/,
    );
  });
});

describe('BuildahTask', () => {
  const chart = Testing.chart();
  const task = new BuildahTask(chart, 'b', { builderImage: `quay.io/buildah/stable:v1@sha256:${'a'.repeat(64)}` });
  const [json] = Testing.synth(chart);

  it('reports IMAGE_URL and IMAGE_DIGEST and takes build args as an array through args', () => {
    expect(task.results.map((r) => r.name)).toEqual(['IMAGE_URL', 'IMAGE_DIGEST']);
    const [step] = steps(json);
    expect(step.args).toEqual(['$(params.BUILD_ARGS[*])']);
    expect(step.script).not.toContain('$(params.');
    expect(step.script).toContain('sha256:');
  });

  it('declares privileged explicitly, and only for buildah', () => {
    expect(steps(json)[0].securityContext).toEqual({ privileged: true });
  });

  it.each([
    ['', ['bud', '-t'], ['push']],
    ['linux/amd64,linux/arm64', ['bud', '--platform=linux/amd64,linux/arm64', '--manifest'], ['manifest', 'push', '--all']],
  ])('PLATFORMS=%j: the script (run with a stub buildah) builds and pushes %j then %j and reports the pushed digest', (platforms, build, push) => {
    const dir = tempDir('signet-buildah-script-');
    const digest = `sha256:${'d'.repeat(64)}`;
    // the stub logs its argv one call per line and writes the digest where --digestfile says
    writeFileSync(join(dir, 'buildah'), `#!/usr/bin/env bash\necho "$*" >> "${dir}/calls"\nwhile [ $# -gt 0 ]; do if [ "$1" = --digestfile ]; then printf '${digest}' > "$2"; fi; shift; done\n`, { mode: 0o755 });
    const [step] = steps(json);
    const script = (step.script as string)
      .replaceAll('$(results.IMAGE_DIGEST.path)', join(dir, 'IMAGE_DIGEST'))
      .replaceAll('$(results.IMAGE_URL.path)', join(dir, 'IMAGE_URL'))
      .replaceAll('/tmp/image-digest', join(dir, 'image-digest'));
    writeFileSync(join(dir, 'step.sh'), script);
    const env: Record<string, string> = { PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`, IMAGE: 'registry.example/app:1', DOCKERFILE: './Dockerfile', CONTEXT: '.', STORAGE_DRIVER: 'vfs', FORMAT: 'oci', TLSVERIFY: 'true', PLATFORMS: platforms, SSLCERTDIR_BOUND: 'false', SSLCERTDIR_PATH: '', DOCKERCONFIG_BOUND: 'false', DOCKERCONFIG_PATH: '' };
    expect(step.env.map((e: { name: string }) => e.name).sort()).toEqual(Object.keys(env).filter((k) => k !== 'PATH').sort());
    execFileSync('bash', [join(dir, 'step.sh')], { env, cwd: dir });
    const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n').map((line) => line.split(' ').slice(1));
    expect(calls).toHaveLength(2);
    for (const word of build) expect(calls[0]).toContain(word);
    expect(calls[1]!.slice(0, push.length)).toEqual(push);
    expect(readFileSync(join(dir, 'IMAGE_DIGEST'), 'utf8')).toBe(digest);
  });
});

describe('renderCatalog', () => {
  it('refuses two entries for one folder', () => {
    const chart = Testing.chart();
    const a = new GitCloneTask(chart, 'a');
    const run = new TaskRun(chart, 'r', { metadata: { generateName: 'x-' }, task: a, params: { url: 'https://x.example/r.git' }, workspaces: { output: { emptyDir: {} } } });
    const entry = { task: a, samples: { s: run }, testRun: run };
    expect(() => renderCatalog({ tasks: [entry, entry], pipelines: [] })).toThrow(/catalog file 'task\/git-clone\/0.1\/git-clone.yaml' would be written twice/);
  });

  it('refuses an object that fails Tekton validation', () => {
    const chart = Testing.chart();
    const task = new GitCloneTask(chart, 'a');
    const run = new TaskRun(chart, 'r', { metadata: { generateName: 'x-' }, task, params: { url: 'u' }, workspaces: { output: { emptyDir: {} } }, timeout: 'soon' });
    expect(TektonObject.validateAll(chart).some((i) => i.severity === 'error')).toBe(true);
    expect(() => renderCatalog({ tasks: [{ task, samples: { s: run }, testRun: run }], pipelines: [] })).toThrow(/catalog object fails Tekton validation/);
  });
});
