import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { SealingScope, SigningKeySealedSecret } from '../../src/policies/index.js';
import { validateK8sObject } from '../helpers/k8s-schemas.js';
import { scanText } from '../helpers/secret-scan.js';
import { fakeSealedValue, freshPrivateKeyPem, kubesealEncrypt, pemBodyLines, PUBLIC_KEY_PEM, synth } from './_fixtures.js';

const sealed = {
  name: 'signing-key',
  namespace: 'ci',
  encryptedPrivateKey: fakeSealedValue(1),
  encryptedPassword: fakeSealedValue(2),
};

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String(error);
  }
  throw new Error('expected an error');
}

describe('SigningKeySealedSecret', () => {
  it('carries only sealed values, unseals to an Opaque Secret, and matches the schema', async () => {
    const chart = Testing.chart();
    const created = new SigningKeySealedSecret(chart, 'key', { ...sealed, encryptedPublicKey: fakeSealedValue(3) });
    expect(created.secretName).toBe('signing-key');
    const { objects, yaml } = synth(chart);
    const [sealedSecret] = objects;
    expect(validateK8sObject(sealedSecret)).toEqual([]);
    expect(Object.keys(sealedSecret.spec.encryptedData)).toEqual(['cosign.key', 'cosign.password', 'cosign.pub']);
    expect(sealedSecret.spec.template).toEqual({ type: 'Opaque', metadata: { name: 'signing-key', namespace: 'ci' } });
    expect(sealedSecret.metadata.annotations).toBeUndefined();
    expect(scanText(yaml, 'sealed-secret.yaml')).toEqual([]);
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/signing-key-sealed-secret.k8s.yaml');
  });

  it('accepts real kubeseal-format ciphertext and writes the scope annotation', () => {
    const chart = Testing.chart();
    new SigningKeySealedSecret(chart, 'key', {
      ...sealed,
      encryptedPrivateKey: kubesealEncrypt(freshPrivateKeyPem(), 'ci'),
      encryptedPassword: kubesealEncrypt('', 'ci'),
      scope: SealingScope.NAMESPACE_WIDE,
    });
    const [sealedSecret] = synth(chart).objects;
    expect(validateK8sObject(sealedSecret)).toEqual([]);
    expect(sealedSecret.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  });

  it('refuses a clear PEM private key without echoing it', () => {
    const privateKey = freshPrivateKeyPem();
    const message = messageOf(() => new SigningKeySealedSecret(Testing.chart(), 'key', { ...sealed, encryptedPrivateKey: privateKey }));
    expect(message).toMatch(/the value for 'cosign.key' is a clear-text PEM block, not kubeseal output/);
    for (const line of pemBodyLines(privateKey)) expect(message).not.toContain(line);
  });

  it('refuses a base64-encoded private key (a Secret data value) and a public key', () => {
    const encoded = Buffer.from(freshPrivateKeyPem()).toString('base64');
    expect(messageOf(() => new SigningKeySealedSecret(Testing.chart(), 'a', { ...sealed, encryptedPrivateKey: encoded }))).toMatch(
      /clear-text PEM block/,
    );
    expect(
      messageOf(() => new SigningKeySealedSecret(Testing.chart(), 'b', { ...sealed, encryptedPublicKey: PUBLIC_KEY_PEM })),
    ).toMatch(/the value for 'cosign.pub' is a clear-text PEM block/);
  });

  it.each([
    ['a short password', 'hunter2'],
    ['a long clear-text password', 'correct horse battery staple, but much longer than that'],
    ['a base64-encoded password', Buffer.from('s3cret-password-value').toString('base64')],
    ['an empty value', ''],
  ])('refuses %s without echoing it', (_what, password) => {
    const message = messageOf(() => new SigningKeySealedSecret(Testing.chart(), 'key', { ...sealed, encryptedPassword: password }));
    expect(message).toMatch(/the value for 'cosign.password' is not kubeseal output/);
    if (password.length > 0) expect(message).not.toContain(password);
  });

  it('fails for an invalid namespace', () => {
    expect(() => new SigningKeySealedSecret(Testing.chart(), 'key', { ...sealed, namespace: 'Ci' })).toThrow(/namespace 'Ci'/);
  });
});
