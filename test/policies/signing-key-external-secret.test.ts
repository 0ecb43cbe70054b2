import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET_KEYS } from '../../src/shared/constants.js';
import { SecretStoreKind, SigningKeyExternalSecret } from '../../src/policies/index.js';
import { validateK8sObject } from '../helpers/k8s-schemas.js';
import { scanText } from '../helpers/secret-scan.js';
import { freshPrivateKeyPem, pemBodyLines, synth } from './_fixtures.js';

describe('SigningKeyExternalSecret', () => {
  it('maps remote keys to cosign.key, cosign.password and cosign.pub, and matches the schema', async () => {
    const chart = Testing.chart();
    const created = new SigningKeyExternalSecret(chart, 'key', {
      name: 'signing-key',
      namespace: 'ci',
      secretStoreName: 'vault',
      secretStoreKind: SecretStoreKind.CLUSTER_SECRET_STORE,
      privateKey: { key: 'ci/cosign', property: 'key' },
      password: { key: 'ci/cosign', property: 'password' },
      publicKey: { key: 'ci/cosign', property: 'pub', version: '3' },
    });
    const { objects, yaml } = synth(chart);
    const [externalSecret] = objects;
    expect(created.secretName).toBe('signing-key');
    expect(validateK8sObject(externalSecret)).toEqual([]);
    expect(externalSecret.spec.data.map((d: any) => d.secretKey)).toEqual([
      SIGNING_SECRET_KEYS.privateKey,
      SIGNING_SECRET_KEYS.password,
      SIGNING_SECRET_KEYS.publicKey,
    ]);
    expect(externalSecret.spec.target.template).toEqual({ type: 'Opaque' });
    expect(scanText(yaml, 'external-secret.yaml')).toEqual([]);
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/signing-key-external-secret.k8s.yaml');
  });

  it('defaults to a namespaced SecretStore, hourly refresh, and the chart namespace', () => {
    const chart = new Chart(Testing.app(), 'ci', { namespace: 'pipelines' });
    const externalSecret = new SigningKeyExternalSecret(chart, 'key', {
      secretStoreName: 'aws',
      secretName: 'cosign-signing',
      privateKey: { key: 'cosign-key' },
      password: { key: 'cosign-password' },
    });
    expect(externalSecret.secretName).toBe('cosign-signing');
    const [manifest] = synth(chart).objects;
    expect(validateK8sObject(manifest)).toEqual([]);
    expect(manifest.metadata.namespace).toBe('pipelines');
    expect(manifest.spec).toMatchObject({
      refreshInterval: '1h',
      secretStoreRef: { name: 'aws', kind: 'SecretStore' },
      target: { name: 'cosign-signing', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    });
    expect(manifest.spec.data).toHaveLength(2);
  });

  it('fails when a private key is passed instead of its location, without echoing it', () => {
    const chart = Testing.chart();
    const privateKey = freshPrivateKeyPem();
    let message = '';
    try {
      new SigningKeyExternalSecret(chart, 'oops', {
        secretStoreName: 'vault',
        privateKey: { key: privateKey },
        password: { key: 'ci/cosign-password' },
      });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/holds a private key instead of its location in the store/);
    for (const line of pemBodyLines(privateKey)) expect(message).not.toContain(line);
  });

  it('fails for bad references', () => {
    const chart = Testing.chart();
    const base = { secretStoreName: 'vault', privateKey: { key: 'k' }, password: { key: 'p' } };
    expect(() => new SigningKeyExternalSecret(chart, 'a', { ...base, secretStoreName: 'Vault Store' })).toThrow(
      /secretStoreName 'Vault Store' is not a valid Kubernetes object name/,
    );
    expect(() => new SigningKeyExternalSecret(chart, 'b', { ...base, password: { key: ' ' } })).toThrow(
      /the remote key for 'cosign.password' is empty/,
    );
    expect(() => new SigningKeyExternalSecret(chart, 'c', { ...base, refreshInterval: 'hourly' })).toThrow(
      /refreshInterval 'hourly' is not a Go duration/,
    );
    expect(() => new SigningKeyExternalSecret(chart, 'd', { ...base, namespace: 'CI' })).toThrow(/namespace 'CI'/);
  });
});
