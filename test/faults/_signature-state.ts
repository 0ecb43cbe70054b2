/**
 * What the registry holds after a signing run, read straight from the registry (never through the
 * fault proxy): the `.sig` manifest's layers and whether every blob it points to exists.
 */
import { parseSignatureManifest, signatureTag, type Descriptor } from '../../src/signer/cosign/format.js';
import { generateKeyPair, decryptPrivateKey, type Signer } from '../../src/signer/keys/index.js';
import type { RegistryClient, RepositoryRef } from '../../src/signer/oci/index.js';

/** The `.sig` manifest of an image as stored, with the blobs it references that are missing. */
export interface SignatureState {
  /** False when the image has no `.sig` tag. */
  readonly found: boolean;
  readonly layers: readonly Descriptor[];
  /** Digests of the config and layer blobs the manifest references that the registry does not have. */
  readonly missingBlobs: readonly string[];
}

/** Reads the `.sig` manifest of `digest` in `repo` and checks every blob it references. */
export async function signatureState(client: RegistryClient, repo: RepositoryRef, digest: string): Promise<SignatureState> {
  const manifest = await client.getManifest(repo, signatureTag(digest));
  if (manifest === undefined) return { found: false, layers: [], missingBlobs: [] };
  const parsed = parseSignatureManifest(manifest.bytes);
  const blobs = [parsed.config.digest, ...parsed.layers.map((l) => l.digest)];
  const missingBlobs: string[] = [];
  for (const blob of blobs) if (!(await client.headBlob(repo, blob))) missingBlobs.push(blob);
  return { found: true, layers: parsed.layers, missingBlobs };
}

/** A fresh signer whose key has the empty password (key generation is not what these tests are about). */
export async function newSigner(): Promise<Signer> {
  const pair = await generateKeyPair(new Uint8Array(), 'cosign');
  return decryptPrivateKey(pair.privateKeyPem, new Uint8Array());
}
