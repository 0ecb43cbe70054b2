import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AdmissionMode, CosignPublicKey, KyvernoClusterPolicy } from '../../src/policies/index.js';
import { k8sSchemasAvailable, validateK8sObject } from '../helpers/k8s-schemas.js';
import { PUBLIC_KEY_PEM, synth } from './_fixtures.js';

const repositories = ['registry.example.com/team/app'];

describe('KyvernoClusterPolicy', () => {
  it('verifies with the key and no tlog or SCT, and matches the schema', async () => {
    const chart = Testing.chart();
    new KyvernoClusterPolicy(chart, 'signed', {
      name: 'require-signed-images',
      publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
      repositories,
    });
    const { objects, yaml } = synth(chart);
    const [policy] = objects;
    expect(validateK8sObject(policy)).toEqual([]);
    const rule = policy.spec.rules[0];
    expect(Object.keys(rule).sort()).toEqual(['match', 'name', 'verifyImages']);
    const verify = rule.verifyImages[0];
    expect(verify).toMatchObject({ type: 'Cosign', failureAction: 'Enforce', mutateDigest: true, verifyDigest: true, required: true });
    expect(verify.attestors[0].entries[0].keys).toEqual({
      publicKeys: PUBLIC_KEY_PEM,
      rekor: { ignoreTlog: true },
      ctlog: { ignoreSCT: true },
    });
    expect(policy.spec.validationFailureAction).toBe('Enforce');
    // the strict schema catches a misspelt offline flag, which the API server would silently prune.
    const typo = structuredClone(policy);
    typo.spec.rules[0].verifyImages[0].attestors[0].entries[0].keys.rekor = { ignoreTLog: true };
    if (k8sSchemasAvailable) {
      expect(validateK8sObject(typo)).toEqual([
        "/spec/rules/0/verifyImages/0/attestors/0/entries/0/keys/rekor must NOT have additional properties 'ignoreTLog'",
      ]);
    }
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/kyverno-cluster-policy.k8s.yaml');
  });

  it('audits with mutateDigest written as false (the CRD default true is rejected with Audit)', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    new KyvernoClusterPolicy(chart, 'audit', {
      publicKey: CosignPublicKey.fromSecret({ namespace: 'ci', name: 'signing-key' }),
      repositories,
      mode: AdmissionMode.AUDIT,
      verifyDigest: true,
    });
    const [policy] = synth(chart).objects;
    expect(validateK8sObject(policy)).toEqual([]);
    expect(policy.metadata.namespace).toBeUndefined();
    const verify = policy.spec.rules[0].verifyImages[0];
    expect(verify).toMatchObject({ failureAction: 'Audit', mutateDigest: false, verifyDigest: true });
    expect(verify.attestors[0].entries[0].keys.publicKeys).toBe('k8s://ci/signing-key');
    expect(policy.spec.validationFailureAction).toBe('Audit');
  });

  it('fails for mutateDigest with audit and for a non-glob repository', () => {
    const chart = Testing.chart();
    const publicKey = CosignPublicKey.fromPem(PUBLIC_KEY_PEM);
    expect(
      () => new KyvernoClusterPolicy(chart, 'a', { publicKey, repositories, mode: AdmissionMode.AUDIT, mutateDigest: true }),
    ).toThrow(/mutateDigest cannot be true for an audit-only policy/);
    expect(() => new KyvernoClusterPolicy(chart, 'b', { publicKey, repositories: ['registry.example.com/app:v1'] })).toThrow(
      /tags are not allowed/,
    );
  });
});
