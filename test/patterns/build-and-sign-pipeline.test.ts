import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { pipelineMermaid } from '../../src/catalog/generate/index.js';
import { RegistryCredentialsSecret, SigningKeySecret, TektonObject } from '../../src/constructs/index.js';
import { BuildAndSignPipeline, type BuildAndSignPipelineProps, repositoryOf } from '../../src/patterns/index.js';
import { CosignPublicKey } from '../../src/policies/index.js';
import { PUBLIC_KEY_PEM } from '../policies/_fixtures.js';

function make(props: Partial<BuildAndSignPipelineProps> = {}) {
  const chart = Testing.chart();
  const bas = new BuildAndSignPipeline(chart, 'bas', {
    signingKey: SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret'),
    registryCredentials: RegistryCredentialsSecret.fromSecretName(chart, 'push', 'registry-push'),
    repositoryUrl: 'https://github.com/example/app.git',
    image: 'registry.example.com/team/app:1.0',
    ...props,
  });
  return { chart, bas };
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('BuildAndSignPipeline', () => {
  it('wires clone → build → sign by digest → verify and validates', () => {
    const { chart, bas } = make();
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
    const spec = bas.pipeline.toPipelineSpec();
    expect(spec.tasks!.map((t) => [t.name, t.taskRef?.name])).toEqual([
      ['clone', 'git-clone'],
      ['build', 'buildah'],
      ['sign', 'cosign-sign'],
      ['verify', 'cosign-verify'],
    ]);
    const byDigest = '$(tasks.build.results.IMAGE_URL)@$(tasks.build.results.IMAGE_DIGEST)';
    expect(spec.tasks![2]!.params).toEqual([{ name: 'IMAGE', value: byDigest }]);
    expect(spec.tasks![3]!.params).toEqual([{ name: 'IMAGE', value: byDigest }]);
    expect(bas.pipeline.tasks.map((t) => [t.name, t.dependencies])).toEqual([
      ['clone', []],
      ['build', ['clone']],
      ['sign', ['build']],
      ['verify', ['build', 'sign']],
    ]);
  });

  it('declares Chains results, bound workspaces and params with defaults from the props', () => {
    const { bas } = make({ dockerfile: 'build/Dockerfile', revision: 'v1.0.0' });
    const spec = bas.pipeline.toPipelineSpec();
    expect(spec.results!.map((r) => [r.name, r.value])).toEqual([
      ['IMAGE_URL', '$(tasks.build.results.IMAGE_URL)'],
      ['IMAGE_DIGEST', '$(tasks.build.results.IMAGE_DIGEST)'],
      ['CHAINS-GIT_URL', '$(tasks.clone.results.url)'],
      ['CHAINS-GIT_COMMIT', '$(tasks.clone.results.commit)'],
    ]);
    expect(spec.workspaces!.map((w) => [w.name, w.optional ?? false])).toEqual([
      ['source', false],
      ['dockerconfig', true],
    ]);
    expect(spec.tasks![1]!.workspaces).toEqual([
      { name: 'source', workspace: 'source', subPath: undefined },
      { name: 'dockerconfig', workspace: 'dockerconfig', subPath: undefined },
    ]);
    expect(Object.fromEntries(spec.params!.map((p) => [p.name, p.default]))).toEqual({
      'git-url': 'https://github.com/example/app.git',
      'git-revision': 'v1.0.0',
      image: 'registry.example.com/team/app:1.0',
      dockerfile: 'build/Dockerfile',
      context: '.',
    });
  });

  it('emits a sample PipelineRun with a volumeClaimTemplate, the push Secret and fsGroup 65532', () => {
    const { chart, bas } = make({ serviceAccountName: 'builder', sourceStorage: '2Gi' });
    bas.addSampleRun();
    const [run] = byKind(Testing.synth(chart), 'PipelineRun');
    expect(run.metadata).toEqual({ generateName: 'build-and-sign-run-' });
    expect(run.spec.taskRunTemplate).toEqual({ serviceAccountName: 'builder', podTemplate: { securityContext: { fsGroup: 65532 } } });
    expect(run.spec.workspaces).toEqual([
      { name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } } },
      { name: 'dockerconfig', secret: { secretName: 'registry-push', items: [{ key: '.dockerconfigjson', path: 'config.json' }] } },
    ]);
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('mounts only the public key for verify and never writes a Secret', () => {
    const { chart } = make();
    const objects = Testing.synth(chart);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const verify = byKind(objects, 'Task').find((t) => t.metadata.name === 'cosign-verify');
    expect(JSON.stringify(verify)).not.toContain('cosign.key');
  });

  it('prefixes every name with namePrefix', () => {
    const { chart } = make({ namePrefix: 'team-' });
    expect(Testing.synth(chart).map((o) => o.metadata.name).sort()).toEqual([
      'team-build-and-sign',
      'team-buildah',
      'team-cosign-sign',
      'team-cosign-verify',
      'team-git-clone',
    ]);
  });

  it('draws its task graph', () => {
    const { bas } = make();
    expect(pipelineMermaid(bas.pipeline)).toBe(
      [
        'flowchart LR',
        '  clone["clone<br/><small>git-clone</small>"]',
        '  build["build<br/><small>buildah</small>"]',
        '  sign["sign<br/><small>cosign-sign</small>"]',
        '  verify["verify<br/><small>cosign-verify</small>"]',
        '  clone -.-> build',
        '  build --> sign',
        '  build --> verify',
        '  sign -.-> verify',
        '',
      ].join('\n'),
    );
  });

  it('adds admission policies for the image repository', () => {
    const { chart, bas } = make();
    bas.addAdmissionPolicies(chart, 'signed-only', { publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM) });
    const kinds = Testing.synth(chart).map((o) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['ImageValidatingPolicy', 'ClusterPolicy', 'ClusterImagePolicy']));
    expect(JSON.stringify(Testing.synth(chart))).toContain('registry.example.com/team/app');
  });

  it('rejects what cannot work, in one line naming the construct and the fix', () => {
    expect(() => make({ image: 'registry.example.com/app@sha256:' + 'a'.repeat(64) })).toThrow(/bas: image .* has a digest; give the reference to push to/);
    const { bas } = make({ repositoryUrl: undefined, image: undefined });
    expect(() => bas.addSampleRun()).toThrow(/the sample run needs 'git-url'; set the repositoryUrl prop or pass params\['git-url'\]/);
    expect(() => bas.addAdmissionPolicies(Testing.chart(), 'p', { publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM) })).toThrow(
      /admission policies need repositories; set the image prop or pass repositories/,
    );
    expect(bas.addSampleRun('run', { params: { 'git-url': 'https://x.example/r.git', image: 'registry.example.com/a/b:1' } }).name).toBeDefined();
  });

  it('builds an image index with platforms, and signs it recursively; without platforms neither param is passed', () => {
    const plain = make().bas.pipeline.toPipelineSpec();
    expect(plain.tasks![1]!.params!.map((p) => p.name)).not.toContain('PLATFORMS');
    expect(plain.tasks![2]!.params!.map((p) => p.name)).toEqual(['IMAGE']);
    const { chart, bas } = make({ platforms: ['linux/amd64', 'linux/arm64/v8'] });
    expect(TektonObject.validateAll(chart).filter((i) => i.severity === 'error')).toEqual([]);
    const spec = bas.pipeline.toPipelineSpec();
    expect(spec.tasks![1]!.params).toContainEqual({ name: 'PLATFORMS', value: 'linux/amd64,linux/arm64/v8' });
    expect(spec.tasks![2]!.params).toEqual([
      { name: 'IMAGE', value: '$(tasks.build.results.IMAGE_URL)@$(tasks.build.results.IMAGE_DIGEST)' },
      { name: 'RECURSIVE', value: 'true' },
    ]);
    // the tasks declare the params the pipeline passes
    expect(bas.buildahTask.params.map((p) => p.name)).toContain('PLATFORMS');
    expect(bas.signTask.params.map((p) => p.name)).toContain('RECURSIVE');
  });

  it('rejects platforms buildah cannot take, naming the construct', () => {
    expect(() => make({ platforms: [] })).toThrow(/bas: platforms is empty/);
    expect(() => make({ platforms: ['linux/amd64,linux/arm64'] })).toThrow(/bas: platform 'linux\/amd64,linux\/arm64' is not os\/arch\[\/variant\]/);
    expect(() => make({ platforms: ['linux/amd64', 'linux/amd64'] })).toThrow(/listed twice/);
    expect(() => make({ platforms: ['$(params.x)'] })).toThrow(/is not os\/arch/);
  });

  it('repositoryOf strips the tag but keeps a registry port', () => {
    expect(repositoryOf('registry.example.com:5000/team/app:1.0')).toBe('registry.example.com:5000/team/app');
    expect(repositoryOf('registry.example.com/team/app')).toBe('registry.example.com/team/app');
  });
});
