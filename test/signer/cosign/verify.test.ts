import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseSignatureManifest, SIGNATURE_ANNOTATION, signatureManifest, signatureTag } from '../../../src/signer/cosign/format.js';
import { signImage, SigningError } from '../../../src/signer/cosign/sign.js';
import { verifyImage } from '../../../src/signer/cosign/verify.js';
import { decryptPrivateKey, generateKeyPair, loadPublicKey, type Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';

async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}

describe('verifyImage against a real registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let key: Signer;
  let other: Signer;
  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    [key, other] = await Promise.all([newSigner(), newSigner()]);
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const repo = (name: string) => ({ registry: registry.host, repository: name });
  const signed = async (name: string, annotations?: Record<string, string>) => {
    const image = await pushRandomImage(client, repo(name));
    const ref = `${registry.host}/${name}@${image.digest}`;
    await signImage({ reference: ref, signer: key, client, confirmDelayMs: 0, ...(annotations ? { annotations } : {}) });
    return { image, ref };
  };
  const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable(), (e: unknown) => e as SigningError);
  /** Rewrites the .sig manifest of `digest` with `edit` applied to its layers (uploading blobs as needed). */
  const rewrite = async (name: string, digest: string, edit: (layers: ReturnType<typeof parseSignatureManifest>['layers']) => Promise<ReturnType<typeof parseSignatureManifest>['layers']>) => {
    const tag = signatureTag(digest);
    const m = await client.getManifest(repo(name), tag);
    const layers = await edit(parseSignatureManifest(m!.bytes).layers);
    const built = signatureManifest(layers);
    await client.putBlob(repo(name), built.config);
    await client.putManifest(repo(name), tag, built.manifest, built.mediaType);
  };

  it('returns the verified payloads for the right key', async () => {
    const { image, ref } = await signed('ok/app', { team: 'core' });
    const result = await verifyImage({ reference: ref, verifier: loadPublicKey(key.publicKeyPem()), client });
    expect(result.digest).toBe(image.digest);
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]!.payload.manifestDigest).toBe(image.digest);
    expect(result.signatures[0]!.payload.optional).toEqual({ team: 'core' });
    await verifyImage({ reference: ref, verifier: loadPublicKey(key.publicKeyPem()), client, annotations: { team: 'core' } });
    const wrongAnnotation = await failure(verifyImage({ reference: ref, verifier: loadPublicKey(key.publicKeyPem()), client, annotations: { team: 'web' } }));
    expect(wrongAnnotation.code).toBe('VERIFY_FAILED');
  });

  it('rejects a wrong key', async () => {
    const { ref } = await signed('wrongkey/app');
    const err = await failure(verifyImage({ reference: ref, verifier: loadPublicKey(other.publicKeyPem()), client }));
    expect(err.code).toBe('VERIFY_FAILED');
    expect(err.message).toMatch(/^no valid signature for .* among 1 \(.*\.sig\): signature does not verify with the key; check that the public key matches/);
  });

  it('fails with VERIFY_NO_SIGNATURES for an unsigned image', async () => {
    const image = await pushRandomImage(client, repo('unsigned/app'));
    const err = await failure(verifyImage({ reference: `${registry.host}/unsigned/app@${image.digest}`, verifier: loadPublicKey(key.publicKeyPem()), client }));
    expect(err.code).toBe('VERIFY_NO_SIGNATURES');
  });

  it('rejects a tampered payload (same signature, altered blob)', async () => {
    const { image, ref } = await signed('tamperpayload/app');
    await rewrite('tamperpayload/app', image.digest, async (layers) => {
      const original = new TextDecoder().decode(await client.getBlob(repo('tamperpayload/app'), layers[0]!.digest));
      const forged = new TextEncoder().encode(original.replace('"optional":null', '"optional":{"x":"y"}'));
      const blob = await client.putBlob(repo('tamperpayload/app'), forged);
      return [{ ...layers[0]!, digest: blob.digest, size: blob.size }];
    });
    expect((await failure(verifyImage({ reference: ref, verifier: loadPublicKey(key.publicKeyPem()), client }))).code).toBe('VERIFY_FAILED');
  });

  it('rejects a tampered signature', async () => {
    const { image, ref } = await signed('tampersig/app');
    await rewrite('tampersig/app', image.digest, async (layers) => {
      const sig = Buffer.from(layers[0]!.annotations![SIGNATURE_ANNOTATION]!, 'base64');
      sig[sig.length - 1] ^= 0x01;
      return [{ ...layers[0]!, annotations: { [SIGNATURE_ANNOTATION]: sig.toString('base64') } }];
    });
    expect((await failure(verifyImage({ reference: ref, verifier: loadPublicKey(key.publicKeyPem()), client }))).code).toBe('VERIFY_FAILED');
  });

  it('rejects a signature moved to another image', async () => {
    const { image } = await signed('moved/app');
    const target = await pushRandomImage(client, repo('moved/app'), 'other');
    const sig = await client.getManifest(repo('moved/app'), signatureTag(image.digest));
    await client.putManifest(repo('moved/app'), signatureTag(target.digest), sig!.bytes, sig!.mediaType);
    const err = await failure(verifyImage({ reference: `${registry.host}/moved/app@${target.digest}`, verifier: loadPublicKey(key.publicKeyPem()), client }));
    expect(err.code).toBe('VERIFY_FAILED');
    expect(err.message).toContain('not this image');
  });

  it('accepts the image when one of several layers is valid', async () => {
    const { image, ref } = await signed('mixed/app');
    await signImage({ reference: ref, signer: other, client, confirmDelayMs: 0 });
    const result = await verifyImage({ reference: ref, verifier: loadPublicKey(other.publicKeyPem()), client });
    expect(result.signatures).toHaveLength(1);
    expect(result.rejected).toHaveLength(1);
    expect(result.digest).toBe(image.digest);
  });
});
