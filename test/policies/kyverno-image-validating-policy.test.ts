import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AdmissionMode, CosignPublicKey, KyvernoImageValidatingPolicy } from '../../src/policies/index.js';
import { validateK8sObject } from '../helpers/k8s-schemas.js';
import { PUBLIC_KEY_PEM, synth } from './_fixtures.js';

const repositories = ['registry.example.com/team/app', 'registry.example.com/tools/**'];

describe('KyvernoImageValidatingPolicy', () => {
  it('enforces signed images offline with digest pinning, and matches the schema', async () => {
    const chart = Testing.chart();
    new KyvernoImageValidatingPolicy(chart, 'signed', {
      name: 'require-signed-images',
      publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
      repositories,
    });
    const { objects, yaml } = synth(chart);
    expect(objects).toHaveLength(1);
    const [policy] = objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.spec.validationActions).toEqual(['Deny']);
    expect(policy.spec.validationConfigurations).toEqual({ mutateDigest: true, verifyDigest: true, required: true });
    expect(policy.spec.attestors[0].cosign.ctlog).toMatchObject({ insecureIgnoreTlog: true, insecureIgnoreSCT: true });
    // Kyverno fails with "rekor URL must be provided" when ctlog has no url.
    expect(policy.spec.attestors[0].cosign.ctlog.url).toBe('https://rekor.sigstore.dev');
    expect(policy.spec.attestors[0].cosign.key).toEqual({ data: PUBLIC_KEY_PEM, hashAlgorithm: 'sha256' });
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/kyverno-image-validating-policy.k8s.yaml');
  });

  it('audits without mutating or requiring digests', () => {
    const chart = Testing.chart();
    new KyvernoImageValidatingPolicy(chart, 'audit', {
      publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
      repositories,
      mode: AdmissionMode.AUDIT,
    });
    const [policy] = synth(chart).objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.spec.validationActions).toEqual(['Audit']);
    expect(policy.spec.validationConfigurations).toEqual({ mutateDigest: false, verifyDigest: false, required: true });
  });

  it('reads a Secret-backed key through a k8s:// reference, without a namespace from the chart', () => {
    const chart = new Chart(Testing.app(), 'ns-chart', { namespace: 'apps' });
    new KyvernoImageValidatingPolicy(chart, 'from-secret', {
      publicKey: CosignPublicKey.fromSecret({ namespace: 'ci', name: 'signing-key' }),
      repositories,
      hashAlgorithm: 'sha512',
    });
    const [policy] = synth(chart).objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.spec.attestors[0].cosign.key).toEqual({ kms: 'k8s://ci/signing-key', hashAlgorithm: 'sha512' });
    expect(policy.metadata.namespace).toBeUndefined();
  });

  it('fails for mutateDigest with an audit-only policy (Kyverno rejects it)', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new KyvernoImageValidatingPolicy(chart, 'bad', {
          publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
          repositories,
          mode: AdmissionMode.AUDIT,
          mutateDigest: true,
        }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[PolicyError: test/bad: mutateDigest cannot be true for an audit-only policy (Kyverno rejects it): drop mutateDigest or use mode AdmissionMode.ENFORCE]`,
    );
  });

  it('fails for no repositories, a bad timeout and a bad name', () => {
    const chart = Testing.chart();
    const publicKey = CosignPublicKey.fromPem(PUBLIC_KEY_PEM);
    expect(() => new KyvernoImageValidatingPolicy(chart, 'a', { publicKey, repositories: [] })).toThrow(/repositories is empty/);
    expect(() => new KyvernoImageValidatingPolicy(chart, 'b', { publicKey, repositories, webhookTimeoutSeconds: 31 })).toThrow(
      /webhookTimeoutSeconds must be a whole number from 1 to 30, got 31/,
    );
    expect(() => new KyvernoImageValidatingPolicy(chart, 'c', { publicKey, repositories, name: 'Bad_Name' })).toThrow(
      /name 'Bad_Name' is not a valid Kubernetes object name/,
    );
  });
});
