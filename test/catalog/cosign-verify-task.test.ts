import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { CosignVerifyTask, type CosignVerifyTaskProps } from '../../src/catalog/cosign-verify-task.js';
import { SigningKeySecret, TektonObject } from '../../src/constructs/index.js';
import { CosignPublicKey, SigningKeyExternalSecret } from '../../src/policies/index.js';
import { PUBLIC_KEY_PEM } from '../policies/_fixtures.js';
import { SIGNER_ENTRYPOINT } from '../../src/image/constants.js';
import { signerImage } from '../../src/image/lock.js';
import { parseVerifyArgs } from '../../src/signer/cli/index.js';
import { SHARED_MISSING, sharedAvailable, validateAgainstCrdSchema } from '../helpers/tekton-schemas.js';
import { resolveStep, type TaskManifest } from '../e2e/_tekton-substitution.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const IMAGE = `registry.example.com/team/app@${DIGEST}`;
const PEM = PUBLIC_KEY_PEM;

function make(props: Partial<CosignVerifyTaskProps> & { publicKey?: CosignPublicKey } = {}): { chart: Chart; task: CosignVerifyTask; manifest: TaskManifest } {
  const chart = new Chart(Testing.app(), 'test');
  const publicKey = props.publicKey ?? CosignPublicKey.fromSigningKeySecret(SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret'));
  const task = new CosignVerifyTask(chart, 'verify', { ...props, publicKey });
  return { chart, task, manifest: task.toJson() as TaskManifest };
}

describe('CosignVerifyTask', () => {
  it('renders a valid cosign-verify Task on the locked image whose args the CLI parses', () => {
    const { chart, task, manifest } = make({ annotations: { pipeline: 'release' } });
    expect(manifest.metadata.name).toBe('cosign-verify');
    expect(manifest.spec.steps[0]!.image).toBe(signerImage().reference);
    const step = resolveStep(manifest, 'verify', { params: { IMAGE } });
    expect(step.command).toEqual(SIGNER_ENTRYPOINT);
    expect(step.args[0]).toBe('verify');
    expect(parseVerifyArgs(step.args.slice(1))).toEqual({
      keyPath: task.publicKeyPath,
      annotations: { pipeline: 'release' },
      registry: { allowHttp: false, insecure: false },
      reference: { registry: 'registry.example.com', repository: 'team/app', digest: DIGEST },
    });
    expect(task.publicKeyPath).toBe('/keys/cosign.pub');
    expect(TektonObject.validateAll(chart)).toEqual([]);
    if (!sharedAvailable()) {
      console.warn(`skipping the CRD schema check: ${SHARED_MISSING}`);
      return;
    }
    expect(validateAgainstCrdSchema(manifest)).toEqual([]);
  });

  it('mounts only cosign.pub of the signing Secret, world-readable, and runs non-root', () => {
    const { manifest } = make();
    expect(manifest.spec.volumes).toEqual([
      { name: 'public-key', secret: { secretName: 'cosign-signing-secret', defaultMode: 0o444, items: [{ key: 'cosign.pub', path: 'cosign.pub' }] } },
    ]);
    expect(manifest.spec.steps[0]!.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, readOnlyRootFilesystem: true });
  });

  it('reads the key from a ConfigMap, or synthesizes one from an inline PEM', () => {
    expect(make({ publicKey: CosignPublicKey.fromConfigMap('signing-pub', 'key.pem') }).manifest.spec.volumes).toEqual([
      { name: 'public-key', configMap: { name: 'signing-pub', items: [{ key: 'key.pem', path: 'cosign.pub' }] } },
    ]);
    const { chart, manifest } = make({ publicKey: CosignPublicKey.fromPem(PEM) });
    const configMap = Testing.synth(chart).find((o) => o.kind === 'ConfigMap');
    expect(configMap).toMatchObject({ metadata: { name: 'cosign-verify-public-key' }, data: { 'cosign.pub': PEM } });
    expect(manifest.spec.volumes).toEqual([{ name: 'public-key', configMap: { name: 'cosign-verify-public-key', items: [{ key: 'cosign.pub', path: 'cosign.pub' }] } }]);
  });

  it('refuses a private key or non-PEM text as the verification key, without echoing it', () => {
    const secretish = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nc2VjcmV0\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n';
    expect(() => make({ publicKey: CosignPublicKey.fromPem(secretish) })).toThrow(/was given a private key: pass the contents of cosign\.pub/);
    expect(() => make({ publicKey: CosignPublicKey.fromPem(secretish) })).not.toThrow(/c2VjcmV0/);
    expect(() => make({ publicKey: CosignPublicKey.fromPem('not a key') })).toThrow(/exactly one PEM block labelled PUBLIC KEY/);
  });

  it('takes its key from any signing key delivery, and refuses one without cosign.pub', () => {
    const chart = new Chart(Testing.app(), 'test');
    const external = new SigningKeyExternalSecret(chart, 'es', {
      secretStoreName: 'vault',
      privateKey: { key: 'ci/cosign', property: 'key' },
      password: { key: 'ci/cosign', property: 'password' },
      publicKey: { key: 'ci/cosign', property: 'pub' },
      secretName: 'signing-key',
    });
    const task = new CosignVerifyTask(chart, 'verify', { publicKey: CosignPublicKey.fromSigningKeySecret(external) });
    expect((task.toJson() as TaskManifest).spec.volumes).toEqual([
      { name: 'public-key', secret: { secretName: 'signing-key', defaultMode: 0o444, items: [{ key: 'cosign.pub', path: 'cosign.pub' }] } },
    ]);
    const noPub = new SigningKeyExternalSecret(chart, 'es2', { secretStoreName: 'vault', privateKey: { key: 'k' }, password: { key: 'p' } });
    expect(() => CosignPublicKey.fromSigningKeySecret(noPub)).toThrow(/has no cosign\.pub entry; give the signing key its public key/);
  });
});
