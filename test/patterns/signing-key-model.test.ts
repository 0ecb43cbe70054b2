/**
 * One signing-key model: every delivery of the key is an ISigningKeySecret the pipeline signs with, and the
 * admission policies come from that key.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';

import { type ISigningKeySecret, SigningKeySecret } from '../../src/constructs/index.js';
import { BuildAndSignPipeline } from '../../src/patterns/index.js';
import { CosignPublicKey, SigningKeyExternalSecret, SigningKeySealedSecret } from '../../src/policies/index.js';
import { fakeSealedValue, P384_PUBLIC_KEY_PEM, PUBLIC_KEY_PEM } from '../policies/_fixtures.js';

const IMAGE = 'registry.example.com/team/app:latest';

function pipeline(signingKey: (chart: ReturnType<typeof Testing.chart>) => ISigningKeySecret) {
  const chart = Testing.chart();
  return { chart, bas: new BuildAndSignPipeline(chart, 'bas', { image: IMAGE, signingKey: signingKey(chart) }) };
}

function volumesOf(bas: BuildAndSignPipeline) {
  return { sign: bas.signTask.toJson().spec.volumes, verify: bas.verifyTask.toJson().spec.volumes };
}

describe('one signing-key model', () => {
  it('an ExternalSecret and a SealedSecret are signing keys: the tasks mount the Secret they create', () => {
    const external = pipeline(
      (chart) =>
        new SigningKeyExternalSecret(chart, 'es', {
          secretStoreName: 'vault',
          secretName: 'signing-key',
          privateKey: { key: 'ci/cosign', property: 'key' },
          password: { key: 'ci/cosign', property: 'password' },
          publicKey: { key: 'ci/cosign', property: 'pub' },
        }),
    );
    const sealed = pipeline(
      (chart) =>
        new SigningKeySealedSecret(chart, 'ss', {
          name: 'signing-key',
          namespace: 'ci',
          encryptedPrivateKey: fakeSealedValue(1),
          encryptedPassword: fakeSealedValue(2),
          encryptedPublicKey: fakeSealedValue(3),
        }),
    );
    for (const { bas } of [external, sealed]) {
      const { sign, verify } = volumesOf(bas);
      expect(sign[0].secret.secretName).toBe('signing-key');
      expect(sign[0].secret.items.map((i: { key: string }) => i.key)).toEqual(['cosign.key', 'cosign.password', 'cosign.pub']);
      expect(verify[0].secret).toEqual({ secretName: 'signing-key', defaultMode: 0o444, items: [{ key: 'cosign.pub', path: 'cosign.pub' }] });
    }
  });

  it('derives the admission policies from a signing key that knows its public key', () => {
    const { chart, bas } = pipeline((c) => SigningKeySecret.fromSecretName(c, 'key', 'cosign-signing-secret', { publicKey: PUBLIC_KEY_PEM }));
    bas.addAdmissionPolicies(chart, 'signed-only');
    const json = JSON.stringify(Testing.synth(chart));
    expect(json).toContain(JSON.stringify(CosignPublicKey.fromPem(PUBLIC_KEY_PEM).pem).slice(1, 40));
    expect(json).toContain('registry.example.com/team/app');
  });

  it('accepts the same key given again, and refuses a public key that is not the signing key\'s', () => {
    const { chart, bas } = pipeline((c) => SigningKeySecret.fromSecretName(c, 'key', 'cosign-signing-secret', { publicKey: PUBLIC_KEY_PEM }));
    expect(() => bas.addAdmissionPolicies(chart, 'same', { publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM.replace(/\n/g, '\r\n')) })).not.toThrow();
    expect(() => bas.addAdmissionPolicies(chart, 'other', { publicKey: CosignPublicKey.fromPem(P384_PUBLIC_KEY_PEM) })).toThrow(
      /^test\/bas: the admission public key is not the public half of signing key 'cosign-signing-secret'; omit publicKey/,
    );
  });

  it('asks for the public key when the signing key does not know it at synth time', () => {
    const { chart, bas } = pipeline((c) => SigningKeySecret.fromSecretName(c, 'key', 'cosign-signing-secret'));
    expect(() => bas.addAdmissionPolicies(chart, 'p')).toThrow(
      /^test\/bas: admission policies need the public key and the signing key 'cosign-signing-secret' does not know it at synth time; pass publicKey/,
    );
    expect(() => bas.addAdmissionPolicies(chart, 'p2', { publicKey: CosignPublicKey.fromPem(PUBLIC_KEY_PEM) })).not.toThrow();
  });

  it('admission policies refuse a key only the verify task can read', () => {
    const { chart, bas } = pipeline((c) => SigningKeySecret.fromSecretName(c, 'key', 'cosign-signing-secret'));
    expect(() => bas.addAdmissionPolicies(chart, 'p', { publicKey: CosignPublicKey.fromConfigMap('signing-pub') })).toThrow(
      /admission controllers cannot read this public key \(a ConfigMap\); pass CosignPublicKey\.fromPem/,
    );
  });

  it('a referenced key refuses a public key that is not PEM', () => {
    expect(() => SigningKeySecret.fromSecretName(Testing.chart(), 'key', 'k', { publicKey: 'ssh-ed25519 AAAA' })).toThrow(
      /key: publicKey is not a PEM public key; pass the contents of cosign\.pub/,
    );
  });
});
