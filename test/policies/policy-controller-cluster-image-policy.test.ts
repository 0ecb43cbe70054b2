import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AdmissionMode, CosignPublicKey, PolicyControllerClusterImagePolicy } from '../../src/policies/index.js';
import { validateK8sObject } from '../helpers/k8s-schemas.js';
import { P384_PUBLIC_KEY_PEM, PUBLIC_KEY_PEM, synth } from './_fixtures.js';

const repositories = ['registry.example.com/team/app'];

describe('PolicyControllerClusterImagePolicy', () => {
  it('uses a key authority without ctlog (tlog skipped), legacy format, and matches the schema', async () => {
    const chart = Testing.chart();
    new PolicyControllerClusterImagePolicy(chart, 'signed', {
      name: 'require-signed-images',
      publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
      repositories,
    });
    const { objects, yaml } = synth(chart);
    const [policy] = objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.spec.mode).toBe('enforce');
    expect(policy.spec.authorities).toEqual([
      { name: 'signet-key', key: { data: PUBLIC_KEY_PEM, hashAlgorithm: 'sha256' }, signatureFormat: 'legacy' },
    ]);
    expect(policy.spec.authorities[0].ctlog).toBeUndefined();
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/policy-controller-cluster-image-policy.k8s.yaml');
  });

  it('warns in audit mode and picks sha384 for a P-384 key', () => {
    const chart = Testing.chart();
    new PolicyControllerClusterImagePolicy(chart, 'warn', {
      publicKey: CosignPublicKey.fromPem(P384_PUBLIC_KEY_PEM),
      repositories,
      mode: AdmissionMode.AUDIT,
    });
    const [policy] = synth(chart).objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.spec.mode).toBe('warn');
    expect(policy.spec.authorities[0].key.hashAlgorithm).toBe('sha384');
  });

  it('references a key Secret in the controller namespace', () => {
    const chart = Testing.chart();
    new PolicyControllerClusterImagePolicy(chart, 'secret', {
      publicKey: CosignPublicKey.fromSecret({ namespace: 'cosign-system', name: 'signet-pub' }),
      repositories,
    });
    const [policy] = synth(chart).objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.spec.authorities[0].key).toEqual({
      secretRef: { name: 'signet-pub', namespace: 'cosign-system' },
      hashAlgorithm: 'sha256',
    });
  });

  it('fails for a key Secret outside the controller namespace', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new PolicyControllerClusterImagePolicy(chart, 'secret', {
          publicKey: CosignPublicKey.fromSecret({ namespace: 'ci', name: 'signing-key' }),
          repositories,
        }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[PolicyError: test/secret: policy-controller reads key Secrets only from its own namespace 'cosign-system', but the key Secret is in 'ci': create a Secret there holding only the public key, or pass the key inline with CosignPublicKey.fromPem]`,
    );
  });

  it('fails for no repositories', () => {
    const chart = Testing.chart();
    expect(
      () => new PolicyControllerClusterImagePolicy(chart, 'none', { publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM), repositories: [] }),
    ).toThrow(/test\/none: repositories is empty/);
  });
});
