import { describe, expect, it } from 'vitest';
import { CosignPublicKey, HashAlgorithm, PolicyError } from '../../src/policies/index.js';
import { freshPrivateKeyPem, P384_PUBLIC_KEY_PEM, pemBodyLines, PUBLIC_KEY_PEM } from './_fixtures.js';

function thrown(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('CosignPublicKey.fromPem', () => {
  it('keeps a canonical cosign.pub as is and defaults to sha256 for P-256', () => {
    const key = CosignPublicKey.fromPem(PUBLIC_KEY_PEM);
    expect(key.pem).toBe(PUBLIC_KEY_PEM);
    expect(key.secret).toBeUndefined();
    expect(key.kubernetesKeyRef).toBeUndefined();
    expect(key.defaultHashAlgorithm).toBe(HashAlgorithm.SHA256);
  });

  it('normalises indentation and CRLF line ends to the same bytes', () => {
    const messy = PUBLIC_KEY_PEM.split('\n').map((line) => `    ${line}`).join('\r\n');
    expect(CosignPublicKey.fromPem(messy).pem).toBe(PUBLIC_KEY_PEM);
  });

  it('pairs a P-384 key with sha384', () => {
    expect(CosignPublicKey.fromPem(P384_PUBLIC_KEY_PEM).defaultHashAlgorithm).toBe(HashAlgorithm.SHA384);
  });

  it('fails for a private key without echoing it', () => {
    const privateKey = freshPrivateKeyPem();
    const error = thrown(() => CosignPublicKey.fromPem(privateKey));
    expect(error.code).toBe('POLICY_PRIVATE_KEY_GIVEN');
    expect(error.message).toMatch(/given a private key: pass the contents of cosign\.pub/);
    for (const line of pemBodyLines(privateKey)) expect(error.message).not.toContain(line.slice(0, 16));
  });

  it('fails for a cosign-encrypted private key and for a base64-wrapped one', () => {
    const label = ['ENCRYPTED', 'SIGSTORE', 'PRIVATE', 'KEY'].join(' ');
    const armoured = `-----BEGIN ${label}-----\neyJrZGYiOnt9fQ==\n-----END ${label}-----\n`;
    expect(thrown(() => CosignPublicKey.fromPem(armoured)).code).toBe('POLICY_PRIVATE_KEY_GIVEN');
    const wrapped = Buffer.from(freshPrivateKeyPem()).toString('base64');
    const error = thrown(() => CosignPublicKey.fromPem(wrapped));
    expect(error.code).toBe('POLICY_PRIVATE_KEY_GIVEN');
    expect(error.message).not.toContain(wrapped.slice(0, 40));
  });

  it('fails for text that is not PEM', () => {
    const error = thrown(() => CosignPublicKey.fromPem('ssh-ed25519 AAAAC3Nza... user@host'));
    expect(error.code).toBe('POLICY_INVALID_PUBLIC_KEY');
    expect(error.message).toMatchInlineSnapshot(
      `"CosignPublicKey.fromPem expects exactly one PEM block labelled PUBLIC KEY (the contents of cosign.pub); found no PEM block"`,
    );
  });

  it('fails for a certificate, two keys, or a damaged key', () => {
    expect(thrown(() => CosignPublicKey.fromPem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')).code).toBe(
      'POLICY_INVALID_PUBLIC_KEY',
    );
    expect(thrown(() => CosignPublicKey.fromPem(PUBLIC_KEY_PEM + PUBLIC_KEY_PEM)).message).toMatch(/found 2 block/);
    const damaged = PUBLIC_KEY_PEM.replace(/[A-Za-z]{8}/, 'AAAAAAAA').replace(/\n[^-][^\n]*\n-----END/, '\n-----END');
    expect(thrown(() => CosignPublicKey.fromPem(damaged)).message).toMatch(/could not parse/);
  });
});

describe('CosignPublicKey.fromSecret', () => {
  it('references the Secret as k8s://namespace/name', () => {
    const key = CosignPublicKey.fromSecret({ namespace: 'ci', name: 'signing-key' });
    expect(key.kubernetesKeyRef).toBe('k8s://ci/signing-key');
    expect(key.pem).toBeUndefined();
    expect(CosignPublicKey.SECRET_DATA_KEY).toBe('cosign.pub');
  });

  it('fails for invalid names', () => {
    expect(thrown(() => CosignPublicKey.fromSecret({ namespace: 'CI', name: 'x' })).message).toMatchInlineSnapshot(
      `"CosignPublicKey.fromSecret needs a valid namespace and Secret name, got 'CI/x': use lower-case DNS-1123 names"`,
    );
  });
});
