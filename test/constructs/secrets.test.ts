import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { RegistryCredentialsSecret, SigningKeySecret, Task } from '../../src/constructs/index.js';
import { IMAGE } from './_fixtures.js';

const PUB = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
const PRIV = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n';
const PASSWORD = 'correct horse battery staple';

describe('SigningKeySecret', () => {
  it('references an existing Secret without emitting anything, and mounts it read-only at /keys', () => {
    // GIVEN
    const chart = Testing.chart();
    const key = SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret');
    const task = new Task(chart, 'sign');
    // WHEN
    const keys = task.addSecretVolume(key.toSecretVolume());
    task.addStep({ name: 'sign', image: IMAGE, command: ['true'], volumeMounts: [keys.mount] });
    // THEN
    const out = Testing.synth(chart);
    expect(out.map((o) => o.kind)).toEqual(['Task']);
    expect(keys.privateKeyPath).toBe('/keys/cosign.key');
    expect(keys.publicKeyPath).toBe('/keys/cosign.pub');
    expect(keys.passwordPath).toBe('/keys/cosign.password');
    expect(out[0].spec.volumes).toEqual([
      {
        name: 'cosign-signing-secret',
        secret: {
          secretName: 'cosign-signing-secret',
          defaultMode: 0o400,
          items: [
            { key: 'cosign.key', path: 'cosign.key' },
            { key: 'cosign.pub', path: 'cosign.pub' },
            { key: 'cosign.password', path: 'cosign.password' },
          ],
        },
      },
    ]);
    expect(out[0].spec.steps[0].volumeMounts).toEqual([{ name: 'cosign-signing-secret', mountPath: '/keys', readOnly: true }]);
  });

  it('writes only the public key by default', () => {
    const chart = Testing.chart();
    const secret = new SigningKeySecret(chart, 'verify-key', { metadata: { name: 'cosign-pub' }, publicKey: PUB });
    const [json] = Testing.synth(chart);
    expect(json).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cosign-pub' },
      type: 'Opaque',
      data: { 'cosign.pub': Buffer.from(PUB).toString('base64') },
    });
    expect(secret.toSecretVolume({ mountPath: '/verify' }).pathOf('cosign.pub')).toBe('/verify/cosign.pub');
    expect(() => secret.toSecretVolume().privateKeyPath).toThrowError(/does not project key 'cosign.key'/);
  });

  it('throws without the opt-in when given private material, and never echoes it', () => {
    const chart = Testing.chart();
    let message = '';
    try {
      new SigningKeySecret(chart, 'k', { publicKey: PUB, privateKey: PRIV, password: PASSWORD });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/would put cosign.key\/cosign.password into committed manifests; reference an existing secret with SigningKeySecret.fromSecretName\(\)/);
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain('eyJrZGYiOnt9fQ');
    expect(() => new SigningKeySecret(chart, 'p', { publicKey: PUB, password: PASSWORD })).toThrowError(/unsafeWritePrivateKeyToManifest/);
  });

  it('writes the private key only with the explicit opt-in, and only an encrypted one', () => {
    const chart = Testing.chart();
    new SigningKeySecret(chart, 'k', { publicKey: PUB, privateKey: PRIV, password: PASSWORD, unsafeWritePrivateKeyToManifest: true });
    expect(Object.keys(Testing.synth(chart)[0].data)).toEqual(['cosign.key', 'cosign.password', 'cosign.pub']);
    expect(
      () => new SigningKeySecret(chart, 'raw', { publicKey: PUB, privateKey: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----', unsafeWritePrivateKeyToManifest: true }),
    ).toThrowError(/refusing to write an unencrypted key/);
    expect(() => new SigningKeySecret(chart, 'bad', { publicKey: 'nope' })).toThrowError(/not a PEM public key/);
  });
});

describe('RegistryCredentialsSecret', () => {
  it('references a dockerconfigjson Secret as a volume or a workspace source', () => {
    const chart = Testing.chart();
    const creds = RegistryCredentialsSecret.fromSecretName(chart, 'creds', 'registry-push');
    const vol = creds.toSecretVolume();
    expect(vol.volume.secret).toEqual({
      secretName: 'registry-push',
      defaultMode: 0o400,
      optional: undefined,
      items: [{ key: '.dockerconfigjson', path: 'config.json' }],
    });
    expect(vol.mount).toEqual({ name: 'registry-push', mountPath: '/docker-config', readOnly: true });
    expect(creds.toWorkspaceSource()).toEqual({ secret: { secretName: 'registry-push', items: [{ key: '.dockerconfigjson', path: 'config.json' }] } });
    expect(Testing.synth(chart)).toEqual([]);
  });
});
