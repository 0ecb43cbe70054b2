/**
 * Attacks on stored signatures, for verifier tests: a signature copied to another image of the same
 * repository, and a payload changed under its old signature. Both formats: `legacy` (`.sig` tag)
 * and `bundle` (a referrer listed in the referrers fallback tag).
 */
import { bundleReferrerManifest, parseDsseBundle, parseReferrerManifest, parseReferrersIndex, referrersIndex, referrersTag } from '../../src/signer/cosign/bundle-format.js';
import { parseSignatureManifest, signatureLayer, signatureManifest, signatureTag } from '../../src/signer/cosign/format.js';
import type { RegistryClient, RepositoryRef } from '../../src/signer/oci/index.js';

/** Where a signature is stored: cosign's `.sig` tag or a bundle referrer. */
export type SignatureFormat = 'legacy' | 'bundle';

/** Copies the signature storage of image `from` to image `to` (same repository). */
export async function transplant(client: RegistryClient, repo: RepositoryRef, from: string, to: string, format: SignatureFormat): Promise<void> {
  const tag = format === 'legacy' ? signatureTag : referrersTag;
  const mediaType = format === 'legacy' ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.oci.image.index.v1+json';
  const manifest = await client.getManifest(repo, tag(from));
  await client.putManifest(repo, tag(to), manifest!.bytes, mediaType);
}

/**
 * Rewrites the stored signature so that the signed content changes but the signature stays: for
 * `.sig`, the payload names another digest; for a bundle, the statement gains an annotation. The
 * old signature (and, for bundles, the old referrer) is replaced, not kept next to the new one.
 */
export async function tamper(client: RegistryClient, repo: RepositoryRef, digest: string, format: SignatureFormat): Promise<void> {
  if (format === 'legacy') {
    const sig = await client.getManifest(repo, signatureTag(digest));
    const [layer] = parseSignatureManifest(sig!.bytes).layers;
    const original = Buffer.from(await client.getBlob(repo, layer!.digest)).toString('utf8');
    const payload = original.replace('"optional":null', '"optional":{"tampered":"yes"}');
    if (payload === original) throw new Error('tamper: the payload has no "optional":null');
    const bytes = new TextEncoder().encode(payload);
    await client.putBlob(repo, bytes);
    const built = signatureManifest([signatureLayer(bytes, layer!.annotations!['dev.cosignproject.cosign/signature']!)]);
    await client.putBlob(repo, built.config);
    await client.putManifest(repo, signatureTag(digest), built.manifest, built.mediaType);
    return;
  }
  const index = await client.getManifest(repo, referrersTag(digest));
  const [entry] = parseReferrersIndex(index!.bytes);
  const referrer = parseReferrerManifest((await client.getManifest(repo, entry!.digest))!.bytes);
  const original = await client.getBlob(repo, referrer.layers[0]!.digest);
  const envelope = parseDsseBundle(original);
  const statement = JSON.stringify({ ...(JSON.parse(Buffer.from(envelope.payload).toString('utf8')) as object), predicate: { tampered: 'yes' } });
  const doc = JSON.parse(Buffer.from(original).toString('utf8')) as { dsseEnvelope: { payload: string } };
  doc.dsseEnvelope.payload = Buffer.from(statement).toString('base64');
  const bundle = new TextEncoder().encode(JSON.stringify(doc));
  await client.putBlob(repo, bundle);
  const head = await client.headManifest(repo, digest);
  const built = bundleReferrerManifest({ bundle, subject: { mediaType: head!.mediaType, size: head!.size, digest }, created: new Date() });
  await client.putManifest(repo, built.manifestDigest, built.manifest, 'application/vnd.oci.image.manifest.v1+json');
  await client.putManifest(repo, referrersTag(digest), referrersIndex([], [built.descriptor]), 'application/vnd.oci.image.index.v1+json');
}
