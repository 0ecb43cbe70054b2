import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  AdmissionMode,
  AdmissionPolicyKind,
  CosignPublicKey,
  SignedImageAdmission,
} from '../../src/policies/index.js';
import { validateK8sObject } from '../helpers/k8s-schemas.js';
import { freshPrivateKeyPem, pemBodyLines, PUBLIC_KEY_PEM, synth } from './_fixtures.js';

const repositories = ['registry.example.com/team/app'];

describe('SignedImageAdmission', () => {
  it('emits all three policies from one key and repository list', async () => {
    const chart = Testing.chart();
    const admission = new SignedImageAdmission(chart, 'signed-only', {
      name: 'signed-images-only',
      publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
      repositories,
    });
    const { objects, yaml } = synth(chart);
    expect(objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`)).toEqual([
      'policies.kyverno.io/v1/ImageValidatingPolicy/signed-images-only',
      'kyverno.io/v1/ClusterPolicy/signed-images-only',
      'policy.sigstore.dev/v1beta1/ClusterImagePolicy/signed-images-only',
    ]);
    for (const object of objects) expect(validateK8sObject(object)).toEqual([]);
    expect(admission.imageValidatingPolicy).toBeDefined();
    expect(admission.clusterPolicy).toBeDefined();
    expect(admission.clusterImagePolicy).toBeDefined();
    await expect(yaml).toMatchFileSnapshot('./__snapshots__/signed-image-admission.k8s.yaml');
  });

  it('emits only the chosen kinds, in audit mode', () => {
    const chart = Testing.chart();
    const admission = new SignedImageAdmission(chart, 'subset', {
      publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM),
      repositories,
      mode: AdmissionMode.AUDIT,
      kinds: [AdmissionPolicyKind.POLICY_CONTROLLER_CLUSTER_IMAGE_POLICY, AdmissionPolicyKind.KYVERNO_CLUSTER_POLICY],
    });
    const { objects } = synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['ClusterPolicy', 'ClusterImagePolicy']);
    expect(admission.imageValidatingPolicy).toBeUndefined();
    for (const object of objects) expect(validateK8sObject(object)).toEqual([]);
  });

  it('produces byte-identical output for the same input', () => {
    const render = () => {
      const chart = Testing.chart();
      new SignedImageAdmission(chart, 'p', { publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM), repositories });
      return synth(chart).yaml;
    };
    expect(render()).toBe(render());
  });

  it('fails for an empty or unknown kinds list', () => {
    const chart = Testing.chart();
    const publicKey = CosignPublicKey.fromPem(PUBLIC_KEY_PEM);
    expect(() => new SignedImageAdmission(chart, 'a', { publicKey, repositories, kinds: [] })).toThrow(/kinds is empty/);
    expect(
      () => new SignedImageAdmission(chart, 'b', { publicKey, repositories, kinds: ['gatekeeper' as AdmissionPolicyKind] }),
    ).toThrow(/unknown policy kind\(s\) 'gatekeeper'/);
  });

  it('never lets a private key reach a policy', () => {
    const privateKey = freshPrivateKeyPem();
    let message = '';
    try {
      CosignPublicKey.fromPem(privateKey);
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/POLICY|private key/);
    for (const line of pemBodyLines(privateKey)) expect(message).not.toContain(line);
  });
});
