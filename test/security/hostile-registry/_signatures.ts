/** Signed `.sig` content for the scripted registry: a key pair on disk and layers signed with it. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { signatureLayer, signatureManifest, simpleSigningPayload, type Descriptor } from '../../../src/signer/cosign/format.js';
import { decryptPrivateKey, generateKeyPair, type Signer } from '../../../src/signer/keys/index.js';

/** The password of the fixture's key: the empty one (`COSIGN_PASSWORD=`). */
export const KEY_ENV = { COSIGN_PASSWORD: '' };

/** A key pair in a fresh temporary folder (`cosign.key`, `cosign.pub`), also the CLI's working directory. */
export async function keyFolder(): Promise<{ dir: string; signer: Signer }> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-hostile-'));
  const pair = await generateKeyPair(new Uint8Array());
  writeFileSync(join(dir, 'cosign.key'), pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'cosign.pub'), pair.publicKeyPem);
  return { dir, signer: await decryptPrivateKey(pair.privateKeyPem, new Uint8Array()) };
}

/** A fake image digest (the scripted registry need not hold the image). */
export function fakeImageDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

/** A valid signature layer over a payload naming `imageDigest`, and the payload bytes. */
export function signedLayer(signer: Signer, dockerReference: string, imageDigest: string): { layer: Descriptor; payload: Uint8Array } {
  const payload = simpleSigningPayload({ dockerReference, manifestDigest: imageDigest });
  return { layer: signatureLayer(payload, Buffer.from(signer.sign(payload)).toString('base64')), payload };
}

/** The manifest bytes of a `.sig` image holding `layers`. */
export function sigManifest(layers: readonly Descriptor[]): string {
  return Buffer.from(signatureManifest(layers).manifest).toString('utf8');
}
