import { Chart, Testing, Yaml } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { BuildAndSignChart } from '../../src/app/index.js';
import {
  Pipeline,
  PipelineRun,
  RegistryCredentialsSecret,
  SigningKeySecret,
  StepAction,
  Task,
  TaskReference,
  TektonObject,
} from '../../src/constructs/index.js';
import { Resolvers, WorkspaceSources } from '../../src/tekton/index.js';
import { SHARED_MISSING, sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';
import { IMAGE } from './_fixtures.js';

function yamlOf(chart: Chart): string {
  return Yaml.stringify(...Testing.synth(chart));
}

describe('synthesized YAML (file snapshots, review like code)', () => {
  it('the build-and-sign-app chart', async () => {
    const chart = new BuildAndSignChart(Testing.app(), 'build-and-sign-app');
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
    await expect(yamlOf(chart)).toMatchFileSnapshot('./__snapshots__/build-and-sign-app.k8s.yaml');
  });

  it('a pipeline using every wiring feature, with a run', async () => {
    const chart = new Chart(Testing.app(), 'kitchen-sink', { namespace: 'ci', labels: { team: 'platform' } });
    const clone = new StepAction(chart, 'git-clone', {
      image: IMAGE,
      description: 'Clones a repository.',
      params: [{ name: 'url' }, { name: 'output-path' }],
      results: [{ name: 'commit' }],
      env: [
        { name: 'URL', value: '$(params.url)' },
        { name: 'OUTPUT', value: '$(params.output-path)' },
      ],
      script: '#!/bin/sh\nset -eu\ngit clone "$URL" "$OUTPUT"\ngit -C "$OUTPUT" rev-parse HEAD > "$(step.results.commit.path)"\n',
    });
    const fetch = new Task(chart, 'fetch', { description: 'Fetches sources.' });
    const url = fetch.addParam('url', { description: 'Repository URL.' });
    const out = fetch.addWorkspace('output');
    const commit = fetch.addResult('commit', { value: '$(steps.clone.results.commit)' });
    fetch.addStep({ name: 'clone', action: clone, params: { url, 'output-path': out.path } });
    void commit;

    const key = SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret');
    const creds = RegistryCredentialsSecret.fromSecretName(chart, 'creds', 'registry-push');

    const pipeline = new Pipeline(chart, 'release', { description: 'Fetch, build for several platforms, report.' });
    const repo = pipeline.addParam('repo-url');
    const platforms = pipeline.addParam('platforms', { type: 'array', default: ['linux/amd64', 'linux/arm64'] });
    const source = pipeline.addWorkspace('source');
    const docker = pipeline.addWorkspace('dockerconfig', { optional: true });
    const f = pipeline.addTask('fetch', { task: fetch, params: { url: repo }, workspaces: { output: { workspace: source, subPath: 'src' } } });
    const build = pipeline.addTask('build', {
      task: TaskReference.fromResolver(Resolvers.bundles({ bundle: `ghcr.io/tektoncd/catalog/upstream/tasks/buildah@sha256:${'c'.repeat(64)}`, name: 'buildah' }), {
        results: ['IMAGE_URL', 'IMAGE_DIGEST'],
      }),
      params: { IMAGE: 'registry.example.com/app:$(tasks.fetch.results.commit)' },
      matrix: { params: { PLATFORM: [platforms.items()] } },
      workspaces: { source, dockerconfig: docker },
      when: [{ input: f.result('commit'), operator: 'notin', values: [''] }],
      retries: 1,
      timeout: '30m',
    });
    pipeline.addFinally('notify', {
      task: TaskReference.fromName('notify'),
      params: { STATUS: build.status, ALL: '$(tasks.status)' },
    });
    pipeline.addResult('commit', { value: f.result('commit') });

    new PipelineRun(chart, 'release-run', {
      metadata: { generateName: 'release-' },
      pipeline,
      params: { 'repo-url': 'https://example.com/app.git' },
      workspaces: {
        source: WorkspaceSources.volumeClaimTemplate({ storage: '1Gi' }),
        dockerconfig: creds.toWorkspaceSource(),
      },
      serviceAccountName: 'builder',
      podTemplate: { securityContext: { fsGroup: 65532 } },
      timeouts: { pipeline: '1h', tasks: '50m', finally: '10m' },
    });
    void key;
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
    await expect(yamlOf(chart)).toMatchFileSnapshot('./__snapshots__/kitchen-sink.k8s.yaml');
    if (!sharedAvailable()) {
      console.warn(`skipping the CRD schema check: ${SHARED_MISSING}`);
      return;
    }
    for (const manifest of Testing.synth(chart)) expect(validateAgainstCrdSchema(manifest), manifest.kind).toEqual([]);
  });
});
