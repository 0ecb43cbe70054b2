/**
 * End to end: the synthesized `cosign-sign` Task from dist/manifests signs a real image in a real registry.
 *
 * The Task is read from dist/manifests (what would be applied to a cluster), its step is resolved the way Tekton
 * and Kubernetes resolve it (params with defaults, result paths, workspace paths, `$(VAR)`), the Secret and
 * workspace are laid out as kubelet would project them (0400 + fsGroup → root:65532 0440), and the step's own
 * command and args run from the signer image built from this working tree and unpacked into a temp root:
 * read-only root, volumes bind-mounted, as uid/gid 65532 with fsGroup 65532, against a `docker-registry` with
 * Basic auth on 127.0.0.1 whose credentials come only from the dockerconfig workspace. The signature is then
 * checked with the library and with a `cosign-verify` Task's step run the same way.
 *
 * Skips with the reason when not root, when chroot/unshare/mount or the registry binary are missing.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosignVerifyTask } from '../../src/catalog/cosign-verify-task.js';
import { CosignPublicKey } from '../../src/policies/index.js';
import { SigningKeySecret } from '../../src/constructs/index.js';
import { buildSignerImage, type SignerImageBuild } from '../../src/image/build.js';
import { writeOciLayout } from '../../src/image/layout.js';
import { compareWithLock, LOCK_FILE_NAME, parseLock, RELOCK_COMMAND } from '../../src/image/lock-file.js';
import { unpackOciLayout, type UnpackedImage } from '../../src/image/unpack.js';
import { SIGNING_SECRET_KEYS } from '../../src/shared/constants.js';
import { runCli, type CliIo } from '../../src/signer/cli/index.js';
import { verifyImage } from '../../src/signer/cosign/verify.js';
import { loadPublicKey } from '../../src/signer/keys/index.js';
import { createRegistryClient, parseDockerConfig, type RegistryClient } from '../../src/signer/oci/index.js';
import { pushRandomImage, registryAvailable, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runStep, sandboxUnavailable, type SandboxMount, type StepOutcome } from './_pod-sandbox.js';
import { resolveStep, type ResolvedStep, type TaskManifest } from './_tekton-substitution.js';
import { tempDir } from '../helpers/temp-dir.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const DIST = join(repoRoot, 'dist/manifests');
/** The fsGroup the Task's description asks runs to set. */
const FS_GROUP = 65532;
const CREDS = { username: 'pusher', password: 'e2e-registry-pass' };
const KEY_PASSWORD = 'e2e key password';

const skipReason = sandboxUnavailable() ?? (registryAvailable() ? undefined : 'the docker-registry binary is missing (run node scripts/ensure-test-deps.mjs as root)');

function distTask(name: string): TaskManifest {
  for (const file of readdirSync(DIST).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(DIST, file), 'utf8'))) {
      const obj = doc.toJS() as TaskManifest | null;
      if (obj?.kind === 'Task' && obj.metadata.name === name) return obj;
    }
  }
  throw new Error(`no Task '${name}' in dist/manifests; run \`npx cdk8s synth\``);
}

/**
 * Lays out the step's volumes as kubelet would and returns the bind mounts: Secret and ConfigMap items become
 * files (Secret files at defaultMode, then, under an fsGroup, group-owned by it with group read added).
 */
function projectVolumes(task: TaskManifest, step: ResolvedStep, dir: string, sources: Record<string, Record<string, string>>, fsGroup: number | undefined): SandboxMount[] {
  return step.volumeMounts.map((mount) => {
    const volume = task.spec.volumes?.find((v) => v.name === mount.name) as
      | { secret?: { secretName: string; defaultMode?: number; items?: Array<{ key: string; path: string }> }; configMap?: { name: string; items?: Array<{ key: string; path: string }> } }
      | undefined;
    if (!volume) throw new Error(`step mounts '${mount.name}', which the task does not declare`);
    const source = volume.secret ? volume.secret.secretName : volume.configMap!.name;
    const data = sources[source];
    if (!data) throw new Error(`the test has no data for '${source}'`);
    const hostPath = join(dir, mount.name);
    mkdirSync(hostPath, { recursive: true });
    chmodSync(hostPath, 0o755);
    const items = (volume.secret ?? volume.configMap)!.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    const mode = volume.secret ? (volume.secret.defaultMode ?? 0o644) : 0o644;
    for (const item of items) {
      const file = join(hostPath, item.path);
      writeFileSync(file, data[item.key] ?? '');
      chmodSync(file, fsGroup === undefined ? mode : mode | 0o440);
      chownSync(file, 0, fsGroup ?? 0);
    }
    return { hostPath, mountPath: mount.mountPath, readOnly: mount.readOnly === true };
  });
}

describe.skipIf(skipReason !== undefined)('cosign-sign Task from dist/manifests, run from the unpacked signer image', () => {
  const work = skipReason ? '' : tempDir('signet-e2e-');
  const timings: Record<string, number> = {};
  let build: SignerImageBuild;
  let image: UnpackedImage;
  let registry: TestRegistry;
  let client: RegistryClient;
  let secretData: Record<string, string>;
  let otherPublicKey: string;
  let dockerConfigDir: string;

  beforeAll(async () => {
    let t = performance.now();
    const lap = (name: string): void => {
      timings[name] = Math.round(performance.now() - t);
      t = performance.now();
    };
    const bundle = join(work, 'signet.cjs');
    execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), '--outfile', bundle], { cwd: repoRoot, stdio: 'pipe' });
    lap('bundle');
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    build = await buildSignerImage({ bundlePath: bundle, version, cacheDir: join(repoRoot, 'build/image-cache') });
    await writeOciLayout(join(work, 'layout'), { manifest: build.manifest, blobs: [build.config, ...build.layers], refName: version, platform: build.platform });
    lap('build image');
    image = await unpackOciLayout(join(work, 'layout'), join(work, 'rootfs'));
    lap('unpack');

    registry = await startRegistry({ basicAuth: CREDS });
    const config = JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64') } } });
    client = createRegistryClient({ credentials: parseDockerConfig(config, 'config.json') });
    dockerConfigDir = join(work, 'dockerconfig');
    mkdirSync(dockerConfigDir);
    writeFileSync(join(dockerConfigDir, 'config.json'), config);
    chmodSync(dockerConfigDir, 0o755);
    lap('registry');

    // the key pair, made at test time by the CLI, as `cosign generate-key-pair k8s://…` would store it
    const keys = join(work, 'keygen');
    mkdirSync(keys);
    const io: CliIo = {
      stdout: () => undefined,
      stderr: () => undefined,
      env: { COSIGN_PASSWORD: KEY_PASSWORD },
      cwd: keys,
      homeDir: keys,
      stdinIsTty: false,
      promptHidden: () => Promise.reject(new Error('no tty')),
    };
    expect(await runCli(['generate-key-pair'], io)).toBe(0);
    expect(await runCli(['generate-key-pair', '--output-key-prefix', 'other'], io)).toBe(0);
    secretData = {
      [SIGNING_SECRET_KEYS.privateKey]: readFileSync(join(keys, 'cosign.key'), 'utf8'),
      [SIGNING_SECRET_KEYS.publicKey]: readFileSync(join(keys, 'cosign.pub'), 'utf8'),
      [SIGNING_SECRET_KEYS.password]: KEY_PASSWORD,
    };
    otherPublicKey = readFileSync(join(keys, 'other.pub'), 'utf8');
    lap('keys');
  });

  afterAll(async () => {
    client?.close();
    await registry?.stop();
    console.log(`signet e2e timings (ms): ${JSON.stringify(timings)}`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs the sign step of the dist Task for IMAGE, with the dockerconfig workspace bound. */
  async function runSign(imageRef: string, name: string, fsGroup: number | undefined): Promise<{ outcome: StepOutcome; results: string }> {
    const task = distTask('cosign-sign');
    const workspace = task.spec.workspaces?.find((w) => w.name === 'dockerconfig');
    const workspacePath = workspace?.mountPath ?? '/workspace/dockerconfig';
    const step = resolveStep(task, 'sign', { params: { IMAGE: imageRef }, workspaces: { dockerconfig: workspacePath } });
    const dir = join(work, name);
    const results = join(dir, 'results');
    mkdirSync(results, { recursive: true });
    chmodSync(results, 0o777); // an emptyDir, writable by any step user
    const mounts = [
      ...projectVolumes(task, step, join(dir, 'volumes'), { 'cosign-signing-secret': secretData }, fsGroup),
      { hostPath: dockerConfigDir, mountPath: workspacePath, readOnly: true },
      { hostPath: results, mountPath: '/tekton/results', readOnly: false },
    ];
    const started = performance.now();
    const outcome = await runStep(step, { rootfs: image.rootfs, imageEnv: image.config.config.Env ?? [], mounts, ...(fsGroup === undefined ? {} : { fsGroup }) });
    timings[`sign step (${name})`] = Math.round(performance.now() - started);
    return { outcome, results };
  }

  /** Runs the verify step of a `cosign-verify` Task synthesized with the defaults, against `publicKey`. */
  async function runVerify(imageRef: string, name: string, publicKey: string): Promise<StepOutcome> {
    const chart = new Chart(Testing.app(), 'e2e');
    const signingKey = SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret');
    const task = new CosignVerifyTask(chart, 'verify', { publicKey: CosignPublicKey.fromSigningKeySecret(signingKey) }).toJson() as TaskManifest;
    const step = resolveStep(task, 'verify', { params: { IMAGE: imageRef }, workspaces: { dockerconfig: '/workspace/dockerconfig' } });
    const mounts = [
      ...projectVolumes(task, step, join(work, name), { 'cosign-signing-secret': { ...secretData, [SIGNING_SECRET_KEYS.publicKey]: publicKey } }, undefined),
      { hostPath: dockerConfigDir, mountPath: '/workspace/dockerconfig', readOnly: true },
    ];
    return runStep(step, { rootfs: image.rootfs, imageEnv: image.config.config.Env ?? [], mounts });
  }

  it('runs the image dist/manifests pins (the lock), built from this working tree', () => {
    const task = distTask('cosign-sign');
    const pinned = task.spec.steps[0]!.image;
    const lock = parseLock(JSON.parse(readFileSync(join(repoRoot, LOCK_FILE_NAME), 'utf8')));
    expect(pinned, 'dist/manifests is out of date: run `npx cdk8s synth` and commit the result').toBe(`${lock.image}@${lock.digest}`);
    const baseDrift = compareWithLock(build, lock).filter((d) => d.kind === 'base-inputs' || d.kind === 'base-compression');
    if (baseDrift.length > 0) {
      console.warn(`signet e2e: this machine's runtime base differs from the lock (${baseDrift.map((d) => d.message).join('; ')}); the step ran this machine's build, not ${pinned}`);
      return;
    }
    expect(build.manifestDigest, `the signer changed but the lock did not: run \`${RELOCK_COMMAND}\` and commit`).toBe(lock.digest);
  });

  it('signs a freshly pushed image through the Task step as uid 65532 (read-only root, fsGroup 65532) and reports Chains results', async () => {
    const pushed = await pushRandomImage(client, { registry: registry.host, repository: 'e2e/app' }, 'v1');
    const ref = `${registry.host}/e2e/app:v1@${pushed.digest}`;
    const { outcome, results } = await runSign(ref, 'sign', FS_GROUP);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe(`${registry.host}/e2e/app@${pushed.digest}\n`);
    expect(readFileSync(join(results, 'IMAGE_URL'), 'utf8')).toBe(`${registry.host}/e2e/app:v1`);
    expect(readFileSync(join(results, 'IMAGE_DIGEST'), 'utf8')).toBe(pushed.digest);

    // THEN the library verifies it with the public key from the Secret
    const verified = await verifyImage({ reference: `${registry.host}/e2e/app@${pushed.digest}`, verifier: loadPublicKey(secretData[SIGNING_SECRET_KEYS.publicKey]!), client });
    expect(verified.signatures).toHaveLength(1);
    expect(verified.signatures[0]!.payload).toEqual({
      dockerReference: `${registry.host}/e2e/app`,
      manifestDigest: pushed.digest,
      type: 'cosign container image signature',
      optional: null,
    });

    // AND a cosign-verify Task step accepts it with that key and fails the run with another
    const ok = await runVerify(`${registry.host}/e2e/app@${pushed.digest}`, 'verify-ok', secretData[SIGNING_SECRET_KEYS.publicKey]!);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(1);
    const wrong = await runVerify(`${registry.host}/e2e/app@${pushed.digest}`, 'verify-wrong', otherPublicKey);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^signet: [^\n]*no valid signature[^\n]*\n$/);
  });

  it('sandboxes the step as the manifest says: uid/gid 65532, fsGroup, read-only root and key mount', async () => {
    const task = distTask('cosign-sign');
    const step = resolveStep(task, 'sign', { params: { IMAGE: 'r.example/x@sha256:' + '0'.repeat(64) } });
    const probe: ResolvedStep = {
      ...step,
      args: [],
      command: [
        '/usr/bin/node',
        '-e',
        `const fs = require('fs');
const tryWrite = (p) => { try { fs.writeFileSync(p, 'x'); return 'writable'; } catch (e) { return e.code; } };
console.log(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), groups: process.getgroups(), root: tryWrite('/probe'), tmp: tryWrite('/tmp/probe'), keys: tryWrite('/keys/probe'), key: fs.readFileSync('/keys/cosign.key', 'utf8').length > 0 }));`,
      ],
    };
    const mounts = projectVolumes(task, step, join(work, 'probe'), { 'cosign-signing-secret': secretData }, FS_GROUP);
    const outcome = await runStep(probe, { rootfs: image.rootfs, imageEnv: image.config.config.Env ?? [], mounts, fsGroup: FS_GROUP });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({ uid: 65532, gid: 65532, groups: [65532], root: 'EROFS', tmp: 'EROFS', keys: 'EROFS', key: true });
  });

  it('cannot read the key without the fsGroup the Task documents, and says which file', async () => {
    const pushed = await pushRandomImage(client, { registry: registry.host, repository: 'e2e/nofsgroup' }, 'v1');
    const { outcome } = await runSign(`${registry.host}/e2e/nofsgroup@${pushed.digest}`, 'no-fsgroup', undefined);
    expect(outcome.code).toBe(6);
    expect(outcome.stderr).toMatch(/^signet: cannot read it \(\/keys\/cosign\.key\); check --key\n$/);
  });
});

if (skipReason !== undefined) {
  describe('cosign-sign Task end to end', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
