/**
 * The verify use case, with `cosign verify --key … --insecure-ignore-tlog` semantics: for the
 * tag-based `.sig` format, at least one layer must carry a signature that verifies over its payload
 * with the key, and whose payload names the image's digest (and the requested annotations); for the
 * bundle format (cosign v3), at least one bundle referrer must pass the same checks.
 */
import type { Verifier } from '../keys/index.js';
import {
  createRegistryClient,
  DEFAULT_MAX_BLOB_BYTES,
  parseReference,
  RegistryError,
  repositoryName,
  type Fetcher,
  type ImageReference,
  type ReferrersClient,
  type RegistryClient,
} from '../oci/index.js';
import { checkImageExists, readSignatureLayers, resolveDigest } from './_signatures.js';
import { SigningError } from './_signing-error.js';
import { withClient } from './_with-client.js';
import { FormatError, MEDIA_TYPES, parseSimpleSigningPayload, SIGNATURE_ANNOTATION, signatureTag, type SimpleSigningPayload } from './format.js';
import { checkBundle, findBundles, type VerifiedBundle } from './verify-bundle.js';

/** Default of {@link VerifyImageOptions.maxPayloadBytes}: 16 MiB, the registry client's blob limit. */
export const DEFAULT_MAX_PAYLOAD_BYTES = DEFAULT_MAX_BLOB_BYTES;
/** Default of {@link VerifyImageOptions.maxTotalPayloadBytes}: 64 MiB. */
export const DEFAULT_MAX_TOTAL_PAYLOAD_BYTES = 64 * 1024 * 1024;

/**
 * Which signature storage to verify, as cosign's `--new-bundle-format`: `legacy` reads only the
 * `.sig` tag, `bundle` only bundle referrers, `auto` (cosign v3's behaviour) bundles when the image
 * has any bundle referrer, else the `.sig` tag.
 */
export type SignatureFormat = 'legacy' | 'bundle' | 'auto';

export type { VerifiedBundle } from './verify-bundle.js';

/** Options of {@link verifyImage}. */
export interface VerifyImageOptions {
  /** The image: `registry/repo@sha256:…` or `registry/repo:tag` (resolved, with a warning). */
  readonly reference: string | ImageReference;
  /** The public key. */
  readonly verifier: Verifier;
  /**
   * Annotations every accepted payload must carry in `optional` with equal values (`-a key=value`).
   * @default - no annotation is required
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The registry client.
   * @default - a client with anonymous access and default options, closed when done
   */
  readonly client?: Fetcher & Partial<Pick<RegistryClient, 'close'>> & Partial<Pick<ReferrersClient, 'getReferrers'>>;
  /**
   * Which signatures to read (see {@link SignatureFormat}); a client without `getReferrers` reads only `.sig`.
   * @default 'auto'
   */
  readonly format?: SignatureFormat;
  /**
   * Receives warnings (tag resolution).
   * @default - warnings are dropped
   */
  readonly onWarning?: (message: string) => void;
  /**
   * Largest payload one signature layer may declare; a larger one is rejected without being read.
   * (cosign's `COSIGN_MAX_ATTACHMENT_SIZE` is 128 MiB; simple-signing payloads are well under 1 KiB.)
   * @default DEFAULT_MAX_PAYLOAD_BYTES (16 MiB)
   */
  readonly maxPayloadBytes?: number;
  /**
   * Largest sum of the payload sizes the signature layers declare; above it verify refuses the
   * signature manifest before reading any payload, so one verify reads a bounded number of bytes.
   * @default DEFAULT_MAX_TOTAL_PAYLOAD_BYTES (64 MiB)
   */
  readonly maxTotalPayloadBytes?: number;
}

/** One signature that passed every check. */
export interface VerifiedSignature {
  /** The parsed payload. */
  readonly payload: SimpleSigningPayload;
  /** The payload exactly as signed. */
  readonly payloadBytes: Uint8Array;
  /** The signature, standard base64. */
  readonly signature: string;
  /** Digest of the payload layer. */
  readonly layerDigest: string;
}

/** Result of {@link verifyImage}. */
export interface VerifyImageResult {
  /** The verified image digest. */
  readonly digest: string;
  /** Which storage was verified. */
  readonly format: 'legacy' | 'bundle';
  /** The accepted `.sig` signatures (at least one when `format` is `legacy`). */
  readonly signatures: readonly VerifiedSignature[];
  /** The accepted bundles (at least one when `format` is `bundle`). */
  readonly bundles: readonly VerifiedBundle[];
  /** Layers (or bundle referrers, by manifest digest) that were looked at but rejected, with the reason. */
  readonly rejected: readonly { readonly layerDigest: string; readonly reason: string }[];
}

/**
 * Verifies the `.sig` signatures of an image with a public key.
 *
 * Checks, per layer: simple-signing media type, signature annotation present and base64, layer blob
 * digest (the client verifies it), signature over the blob with the key, payload parses strictly,
 * `docker-manifest-digest` equals the image digest, requested annotations match. Like cosign,
 * `docker-reference` is not checked.
 *
 * @throws SigningError `VERIFY_NO_SIGNATURES` or `VERIFY_FAILED`; RegistryError; InvalidReferenceError
 */
export async function verifyImage(options: VerifyImageOptions): Promise<VerifyImageResult> {
  const ref = typeof options.reference === 'string' ? parseReference(options.reference) : options.reference;
  return withClient(options.client, () => createRegistryClient(), (client) => verifyWith(client, ref, options));
}

async function verifyWith(client: Fetcher & Partial<Pick<ReferrersClient, 'getReferrers'>>, ref: ImageReference, options: VerifyImageOptions): Promise<VerifyImageResult> {
  const onMissing = (what: string): SigningError => new SigningError('VERIFY_IMAGE_NOT_FOUND', `image not found (${what}); check the reference or verify by digest`);
  const digest = await resolveDigest(client, ref, onMissing, options.onWarning);
  const format = options.format ?? 'auto';
  const getReferrers = client.getReferrers?.bind(client);
  if (format !== 'legacy' && getReferrers !== undefined) {
    const { bundles } = await findBundles({ ...bindFetcher(client), getReferrers }, ref, digest);
    if (bundles.length > 0 || format === 'bundle') return verifyBundles(ref, digest, bundles, options);
  } else if (format === 'bundle') {
    throw new SigningError('VERIFY_NO_SIGNATURES', `cannot list referrers of ${repositoryName(ref)}@${digest} with this client; pass a registry client with getReferrers`);
  }
  return verifyLegacy(client, ref, digest, options, onMissing);
}

function bindFetcher(client: Fetcher): Fetcher {
  return {
    headManifest: client.headManifest.bind(client),
    getManifest: client.getManifest.bind(client),
    headBlob: client.headBlob.bind(client),
    getBlob: client.getBlob.bind(client),
  };
}

function verifyBundles(ref: ImageReference, digest: string, found: Awaited<ReturnType<typeof findBundles>>['bundles'], options: VerifyImageOptions): VerifyImageResult {
  const where = `${repositoryName(ref)}@${digest}`;
  if (found.length === 0) {
    throw new SigningError('VERIFY_NO_SIGNATURES', `no bundle signatures found for ${where} (referrers); sign with --new-bundle-format or verify the .sig format`);
  }
  const bundles: VerifiedBundle[] = [];
  const rejected: { layerDigest: string; reason: string }[] = [];
  for (const bundle of found) {
    const checked = checkBundle(bundle, options.verifier, digest, options.annotations);
    if ('reason' in checked) rejected.push({ layerDigest: bundle.referrerDigest, reason: checked.reason });
    else bundles.push(checked);
  }
  if (bundles.length === 0) {
    const reasons = [...new Set(rejected.map((r) => r.reason))].join('; ');
    throw new SigningError('VERIFY_FAILED', `no valid bundle signature for ${where} among ${found.length} (referrers): ${reasons}; check that the public key matches the signing key`);
  }
  return { digest, format: 'bundle', signatures: [], bundles, rejected };
}

async function verifyLegacy(client: Fetcher, ref: ImageReference, digest: string, options: VerifyImageOptions, onMissing: (what: string) => SigningError): Promise<VerifyImageResult> {
  const tag = signatureTag(digest);
  const where = `${repositoryName(ref)}:${tag}`;
  const { layers, found } = await readSignatureLayers(client, ref, tag);
  // No signatures: tell a missing image (a typo, another exit code) from an unsigned one. Only this
  // path pays the HEAD; a tag's resolving HEAD already proved the image exists.
  if (!found && ref.digest !== undefined) await checkImageExists(client, ref, digest, onMissing);
  const candidates = layers.filter((layer) => layer.mediaType === MEDIA_TYPES.simpleSigning);
  if (candidates.length === 0) {
    throw new SigningError('VERIFY_NO_SIGNATURES', `no signatures found for ${repositoryName(ref)}@${digest} (${where}); sign the image first or check the reference`);
  }
  // Bounded before the first blob request: at most MAX_SIGNATURE_LAYERS GETs (readSignatureLayers), each
  // no longer than its declared size, all together no more than the total budget.
  const maxPayload = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const maxTotal = options.maxTotalPayloadBytes ?? DEFAULT_MAX_TOTAL_PAYLOAD_BYTES;
  const declared = candidates.reduce((sum, layer) => sum + Math.min(layer.size, maxPayload + 1), 0);
  if (declared > maxTotal) {
    throw new FormatError(
      'FORMAT_PAYLOADS_TOO_LARGE',
      `the ${candidates.length} signature layers of ${where} declare ${declared} payload bytes, more than the ${maxTotal} verify reads; the registry holds malformed or hostile signature data, ask its owner to remove the tag`,
    );
  }
  const signatures: VerifiedSignature[] = [];
  const rejected: { layerDigest: string; reason: string }[] = [];
  for (const layer of candidates) {
    const reject = (reason: string): void => void rejected.push({ layerDigest: layer.digest, reason });
    const b64 = layer.annotations?.[SIGNATURE_ANNOTATION];
    if (b64 === undefined || b64 === '') {
      reject('no signature annotation');
      continue;
    }
    if (layer.size > maxPayload) {
      reject(`payload declares ${layer.size} bytes, more than ${maxPayload}`);
      continue;
    }
    let payloadBytes: Uint8Array;
    try {
      payloadBytes = await client.getBlob(ref, layer.digest, { maxBytes: layer.size });
    } catch (error) {
      // A missing or altered payload blob disqualifies this layer, not the others.
      if (error instanceof RegistryError && (error.code === 'REGISTRY_NOT_FOUND' || error.code === 'REGISTRY_DIGEST_MISMATCH')) {
        reject(error.code === 'REGISTRY_NOT_FOUND' ? 'payload blob is missing' : 'payload blob does not match its digest');
        continue;
      }
      throw error;
    }
    if (!options.verifier.verify(payloadBytes, Buffer.from(b64, 'base64'))) {
      reject('signature does not verify with the key');
      continue;
    }
    let payload: SimpleSigningPayload;
    try {
      payload = parseSimpleSigningPayload(payloadBytes);
    } catch (error) {
      reject(`payload is invalid: ${(error as Error).message}`);
      continue;
    }
    if (payload.manifestDigest !== digest) {
      reject(`payload signs ${payload.manifestDigest}, not this image`);
      continue;
    }
    const missing = Object.entries(options.annotations ?? {}).find(([key, value]) => payload.optional?.[key] !== value);
    if (missing !== undefined) {
      reject(`annotation ${missing[0]} does not match`);
      continue;
    }
    signatures.push({ payload, payloadBytes, signature: b64, layerDigest: layer.digest });
  }
  if (signatures.length === 0) {
    const reasons = [...new Set(rejected.map((r) => r.reason))].join('; ');
    throw new SigningError('VERIFY_FAILED', `no valid signature for ${repositoryName(ref)}@${digest} among ${candidates.length} (${where}): ${reasons}; check that the public key matches the signing key`);
  }
  return { digest, format: 'legacy', signatures, bundles: [], rejected };
}
