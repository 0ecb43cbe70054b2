/**
 * Verification of cosign v3 bundle signatures: find the image's referrers, keep those holding a
 * Sigstore bundle (cosign's rule: one layer of a bundle media type, whatever the artifactType), and
 * accept a bundle whose DSSE signature verifies with the key over a statement naming this digest.
 */
import type { Verifier } from '../keys/index.js';
import { RegistryError, type Fetcher, type ReferrersClient, type RepositoryRef } from '../oci/index.js';
import { listReferrers } from './_referrers.js';
import { parseDsseBundle } from './bundle.js';
import { IN_TOTO_PAYLOAD_TYPE, preAuthEncoding } from './dsse.js';
import { FormatError } from './errors.js';
import { bundleLayerOf, parseReferrerManifest } from './referrer.js';
import { COSIGN_SIGN_PREDICATE_TYPE, parseSignStatement, type SignStatement } from './statement.js';

/** A bundle found among an image's referrers. */
export interface FoundBundle {
  /** Digest of the referrer manifest. */
  readonly referrerDigest: string;
  /** The bundle JSON bytes. */
  readonly bytes: Uint8Array;
}

/** A bundle that passed every check. */
export interface VerifiedBundle {
  /** Digest of the referrer manifest. */
  readonly referrerDigest: string;
  /** The parsed statement. */
  readonly statement: SignStatement;
  /** The statement exactly as signed. */
  readonly statementBytes: Uint8Array;
}

/** Reads every bundle referrer of `digest` (one referrers listing, then a manifest and a blob per bundle). */
export async function findBundles(client: Fetcher & Pick<ReferrersClient, 'getReferrers'>, repo: RepositoryRef, digest: string): Promise<{ bundles: FoundBundle[]; source: 'api' | 'tag' }> {
  const listing = await listReferrers(client, repo, digest);
  const bundles: FoundBundle[] = [];
  for (const descriptor of listing.descriptors) {
    const manifest = await client.getManifest(repo, descriptor.digest);
    if (manifest === undefined) continue; // listed but deleted: nothing to verify
    let layer;
    try {
      const referrer = parseReferrerManifest(manifest.bytes);
      if (referrer.subjectDigest !== undefined && referrer.subjectDigest !== digest) continue;
      layer = bundleLayerOf(referrer);
    } catch (error) {
      if (error instanceof FormatError) continue; // another tool's artifact we do not understand
      throw error;
    }
    if (layer === undefined) continue;
    try {
      bundles.push({ referrerDigest: descriptor.digest, bytes: await client.getBlob(repo, layer.digest) });
    } catch (error) {
      if (error instanceof RegistryError && (error.code === 'REGISTRY_NOT_FOUND' || error.code === 'REGISTRY_DIGEST_MISMATCH')) continue;
      throw error;
    }
  }
  return { bundles, source: listing.source };
}

/**
 * Checks one bundle: v0.3+ with a DSSE envelope of an in-toto statement, a signature that verifies
 * with the key over the PAE, exactly one subject whose sha256 is `digest`, cosign's sign predicate
 * (an attestation is not an image signature; cosign v3 `verify` accepts any predicate, signet does
 * not), and the requested annotations. No transparency log or timestamp is consulted.
 *
 * @returns the verified statement, or the reason for rejecting the bundle
 */
export function checkBundle(found: FoundBundle, verifier: Verifier, digest: string, annotations: Readonly<Record<string, string>> = {}): VerifiedBundle | { readonly reason: string } {
  let parsed;
  try {
    parsed = parseDsseBundle(found.bytes);
  } catch (error) {
    return { reason: (error as Error).message };
  }
  if (parsed.payloadType !== IN_TOTO_PAYLOAD_TYPE) return { reason: `payload type ${parsed.payloadType} is not an in-toto statement` };
  const pae = preAuthEncoding(parsed.payloadType, parsed.payload);
  if (!parsed.signatures.some((sig) => verifier.verify(pae, sig))) return { reason: 'signature does not verify with the key' };
  let statement: SignStatement;
  try {
    statement = parseSignStatement(parsed.payload);
  } catch (error) {
    return { reason: (error as Error).message };
  }
  if (statement.manifestDigest !== digest) return { reason: `statement signs ${statement.manifestDigest}, not this image` };
  if (statement.predicateType !== COSIGN_SIGN_PREDICATE_TYPE) return { reason: `predicate type ${statement.predicateType} is not an image signature` };
  const missing = Object.entries(annotations).find(([key, value]) => statement.annotations[key] !== value);
  if (missing !== undefined) return { reason: `annotation ${missing[0]} does not match` };
  return { referrerDigest: found.referrerDigest, statement, statementBytes: parsed.payload };
}
