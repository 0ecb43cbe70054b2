import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { COSIGN_SIGN_TASK_NAME, CosignSignTask, type CosignSignTaskProps } from '../../src/catalog/cosign-sign-task.js';
import { RegistryCredentialsSecret, SigningKeySecret, TektonObject } from '../../src/constructs/index.js';
import { SIGNER_ENTRYPOINT } from '../../src/image/constants.js';
import { signerImage } from '../../src/image/lock.js';
import { parseSignArgs } from '../../src/signer/cli/index.js';
import { SHARED_MISSING, sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';
import { resolveStep, type TaskManifest } from '../e2e/_tekton-substitution.js';
import { tempDir } from '../helpers/temp-dir.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const IMAGE = `registry.example.com/team/app:1.2.3@${DIGEST}`;
const DIST = resolve(import.meta.dirname, '../../dist/manifests');

function make(props: Partial<CosignSignTaskProps> = {}): { chart: Chart; task: CosignSignTask; manifest: TaskManifest } {
  const chart = new Chart(Testing.app(), 'test');
  const signingKey = SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret');
  const task = new CosignSignTask(chart, 'sign', { signingKey, ...props });
  return { chart, task, manifest: task.toJson() as TaskManifest };
}

/** The step's argv after Tekton's substitution, parsed by the CLI's own parser. */
function parsedArgs(manifest: TaskManifest, image = IMAGE): ReturnType<typeof parseSignArgs> {
  const step = resolveStep(manifest, 'sign', { params: { IMAGE: image } });
  expect(step.command).toEqual(SIGNER_ENTRYPOINT);
  const [command, ...rest] = step.args;
  expect(command).toBe('sign');
  return parseSignArgs(rest);
}

describe('CosignSignTask', () => {
  it('renders a valid catalog Task named cosign-sign on the locked image, by digest', () => {
    const { chart, task, manifest } = make();
    expect(manifest.metadata.name).toBe(COSIGN_SIGN_TASK_NAME);
    expect(task.signerImage).toBe(signerImage().reference);
    expect(manifest.spec.steps[0]!.image).toMatch(/^ghcr\.io\/signet-dev\/signet@sha256:[0-9a-f]{64}$/);
    expect(manifest.spec.params).toEqual([
      expect.objectContaining({ name: 'IMAGE', type: 'string' }),
      expect.objectContaining({ name: 'RECURSIVE', type: 'string', default: 'false' }),
    ]);
    expect(manifest.spec.results!.map((r) => r.name)).toEqual(['IMAGE_URL', 'IMAGE_DIGEST']);
    expect(TektonObject.validateAll(chart)).toEqual([]);
    if (!sharedAvailable()) {
      console.warn(`skipping the CRD schema check: ${SHARED_MISSING}`);
      return;
    }
    expect(validateAgainstCrdSchema(manifest)).toEqual([]);
  });

  it('has step args the signer CLI parses into the mounted key, password file, result paths and IMAGE', () => {
    const { task, manifest } = make();
    const args = parsedArgs(manifest);
    expect(args).toEqual({
      keyPath: task.keyVolume.privateKeyPath,
      passwordFile: task.keyVolume.passwordPath,
      identityWithTag: false,
      imageUrlFile: '/tekton/results/IMAGE_URL',
      imageDigestFile: '/tekton/results/IMAGE_DIGEST',
      registry: { allowHttp: false, insecure: false },
      reference: { registry: 'registry.example.com', repository: 'team/app', tag: '1.2.3', digest: DIGEST },
    });
    expect(task.keyVolume.privateKeyPath).toBe('/keys/cosign.key');
    expect(task.keyVolume.passwordPath).toBe('/keys/cosign.password');
  });

  it('RECURSIVE reaches the CLI as --recursive=<value>: off by default, true signs the index and its manifests, anything else is a usage error', () => {
    const { manifest } = make();
    const argsWith = (RECURSIVE?: string) => {
      const step = resolveStep(manifest, 'sign', { params: { IMAGE, ...(RECURSIVE === undefined ? {} : { RECURSIVE }) } });
      return parseSignArgs(step.args.slice(1));
    };
    expect(argsWith().recursive).toBeUndefined();
    expect(argsWith('false').recursive).toBeUndefined();
    expect(argsWith('true').recursive).toBe(true);
    expect(() => argsWith('--key=/etc/passwd')).toThrow(/--recursive="--key=\/etc\/passwd" is not a boolean/);
    expect(() => argsWith('')).toThrow(/is not a boolean/);
  });

  it('keeps secrets out of params and env: only IMAGE and RECURSIVE are params, only DOCKER_CONFIG is set', () => {
    const { manifest } = make();
    const step = manifest.spec.steps[0]!;
    expect(step.env).toEqual([{ name: 'DOCKER_CONFIG', value: '$(workspaces.dockerconfig.path)' }]);
    expect(JSON.stringify(manifest)).not.toMatch(/COSIGN_PASSWORD|valueFrom/);
    expect(step.volumeMounts).toEqual([{ name: 'signing-key', mountPath: '/keys', readOnly: true }]);
    const volume = manifest.spec.volumes!.find((v) => v.name === 'signing-key') as unknown as { secret: { secretName: string; defaultMode: number } };
    expect(volume.secret).toMatchObject({ secretName: 'cosign-signing-secret', defaultMode: 0o400 });
  });

  it('resolves an unbound dockerconfig workspace to an empty DOCKER_CONFIG and a bound one to its path', () => {
    const { manifest } = make();
    expect(resolveStep(manifest, 'sign', { params: { IMAGE } }).env).toEqual({ DOCKER_CONFIG: '' });
    expect(resolveStep(manifest, 'sign', { params: { IMAGE }, workspaces: { dockerconfig: '/workspace/dockerconfig' } }).env).toEqual({
      DOCKER_CONFIG: '/workspace/dockerconfig',
    });
  });

  it('runs non-root with a read-only root filesystem and no capabilities', () => {
    const { manifest } = make();
    expect(manifest.spec.steps[0]!.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('passes annotations, identity-with-tag and registry flags the CLI understands', () => {
    const { manifest } = make({
      annotations: { pipeline: '$(context.pipelineRun.name)', 'dev.example/commit': 'a=b' },
      identityWithTag: true,
      allowHttpRegistry: true,
      allowInsecureRegistry: true,
    });
    const step = resolveStep({ ...manifest, spec: { ...manifest.spec, steps: manifest.spec.steps.map((s) => ({ ...s, args: s.args!.map((a) => a.replace('$(context.pipelineRun.name)', 'run-1')) })) } }, 'sign', {
      params: { IMAGE },
    });
    const args = parseSignArgs(step.args.slice(1));
    expect(args.annotations).toEqual({ pipeline: 'run-1', 'dev.example/commit': 'a=b' });
    expect(args.identityWithTag).toBe(true);
    expect(args.registry).toEqual({ allowHttp: true, insecure: true });
  });

  it('signs another identity with signContainerIdentity', () => {
    const { manifest } = make({ signContainerIdentity: 'registry.example.com/prod/app' });
    expect(parsedArgs(manifest).identity).toBe('registry.example.com/prod/app');
  });

  it('mounts registry credentials from a Secret instead of the workspace when given', () => {
    const chart = new Chart(Testing.app(), 'test');
    const signingKey = SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret');
    const registryCredentials = RegistryCredentialsSecret.fromSecretName(chart, 'creds', 'registry-push');
    const task = new CosignSignTask(chart, 'sign', { signingKey, registryCredentials });
    const manifest = task.toJson() as TaskManifest;
    expect(task.dockerConfigWorkspace).toBeUndefined();
    expect(manifest.spec.workspaces).toBeUndefined();
    expect(manifest.spec.steps[0]!.env).toEqual([{ name: 'DOCKER_CONFIG', value: '/docker-config' }]);
    expect(manifest.spec.steps[0]!.volumeMounts).toContainEqual({ name: 'registry-credentials', mountPath: '/docker-config', readOnly: true });
    expect(TektonObject.validateAll(chart)).toEqual([]);
  });

  it('treats an IMAGE that looks like a flag as an image (after --), which the CLI then rejects as a reference', () => {
    const { manifest } = make();
    expect(() => parsedArgs(manifest, '--allow-insecure-registry')).toThrow(/invalid image reference "--allow-insecure-registry"/);
  });

  it('accepts an image override pinned by digest and rejects one that is not', () => {
    const custom = `registry.example.com/tools/signet:0.1.0@sha256:${'c'.repeat(64)}`;
    expect(make({ image: custom }).task.signerImage).toBe(custom);
    expect(() => make({ image: 'registry.example.com/tools/signet:latest' })).toThrow(/image 'registry\.example\.com\/tools\/signet:latest' is not pinned by digest/);
  });

  it('rejects both identity options and annotation keys the CLI cannot parse', () => {
    expect(() => make({ identityWithTag: true, signContainerIdentity: 'r.example/x' })).toThrow(/identityWithTag and signContainerIdentity exclude each other/);
    expect(() => make({ annotations: { 'a=b': 'c' } })).toThrow(/annotation key 'a=b' must be non-empty and contain no '='/);
    expect(() => make({ annotations: { '': 'c' } })).toThrow(/annotation key '' must be non-empty/);
  });

  it('matches its file snapshot, which pins the lock digest', async () => {
    const { chart } = make();
    const yaml = Yaml.stringify(...Testing.synth(chart));
    expect(yaml, 'the snapshot must pin the locked signer image').toContain(`image: ${signerImage().reference}`);
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/cosign-sign.k8s.yaml');
  });
});

describe('dist/manifests and the signer image lock', () => {
  const hint = 'dist/manifests is out of date: run `npx cdk8s synth` and commit the result';

  it('the committed cosign-sign Task runs the locked image', () => {
    const docs = readdirSync(DIST).flatMap((f) => parseAllDocuments(readFileSync(join(DIST, f), 'utf8')).map((d) => d.toJS() as TaskManifest));
    const task = docs.find((d) => d?.kind === 'Task' && d.metadata.name === COSIGN_SIGN_TASK_NAME);
    expect(task, 'no cosign-sign Task in dist/manifests').toBeDefined();
    expect(task!.spec.steps[0]!.image, `${hint} (signer-image.lock.json changed)`).toBe(signerImage().reference);
  });

  it('a changed lock changes the synthesized app, so the dist drift test fails until `npx cdk8s synth` is run', async () => {
    const moved = `ghcr.io/signet-dev/signet@sha256:${'e'.repeat(64)}`;
    vi.resetModules();
    vi.doMock('../../src/image/lock.js', () => ({ signerImage: () => ({ reference: moved, digest: moved.split('@')[1] }) }));
    try {
      const { buildApp, synthApp } = await import('../../src/app/index.js');
      const outdir = tempDir('signet-lock-moved-');
      expect(synthApp(buildApp({ outdir }), { stderr: () => undefined })).toBe(0);
      const fresh = readdirSync(outdir).map((f) => readFileSync(join(outdir, f), 'utf8')).join('');
      const committed = readdirSync(DIST).map((f) => readFileSync(join(DIST, f), 'utf8')).join('');
      expect(fresh).toContain(`image: ${moved}`);
      expect(fresh, 'the dist drift test compares these byte for byte').not.toBe(committed);
    } finally {
      vi.doUnmock('../../src/image/lock.js');
      vi.resetModules();
    }
  });
});
