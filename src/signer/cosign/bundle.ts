/**
 * The Sigstore bundle v0.3 that cosign v3 stores for a key-based image signature: the public key's
 * hint and a DSSE envelope around the in-toto statement. No transparency-log entry and no
 * timestamp (signet signs offline, like `cosign sign --tlog-upload=false`).
 * @see https://github.com/sigstore/protobuf-specs/blob/main/protos/sigstore_bundle.proto
 */
import { createHash } from 'node:crypto';

import { quote } from './digest.js';
import { IN_TOTO_PAYLOAD_TYPE } from './dsse.js';
import { FormatError } from './errors.js';
import { isStandardBase64 } from './layer.js';
import { goJsonBytes } from './go-json.js';
import { isJsonObject as isObject, parseStrictJsonObject } from './strict-json.js';

/** Media type of a v0.3 bundle: the bundle JSON's `mediaType`, the referrer's artifactType and layer type. */
export const BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** Prefix every Sigstore bundle media type shares (cosign keeps referrer layers that start with it). */
export const BUNDLE_MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';

/** Arguments of {@link dsseBundle}. */
export interface DsseBundleArgs {
  /** The signed statement bytes (the DSSE payload). */
  readonly payload: Uint8Array;
  /** The signature over the PAE of the payload, DER for ECDSA. */
  readonly signature: Uint8Array;
  /** The signer's public key as PKIX DER; its SHA-256 becomes the bundle's key hint. */
  readonly publicKeyDer: Uint8Array;
}

/** What a bundle holds, as far as key-based verification needs it. */
export interface ParsedDsseBundle {
  /** The bundle's media type (v0.3 or later). */
  readonly mediaType: string;
  /** The DSSE payload type. */
  readonly payloadType: string;
  /** The DSSE payload bytes (the statement). */
  readonly payload: Uint8Array;
  /** Every signature of the envelope (cosign writes one). */
  readonly signatures: readonly Uint8Array[];
  /** The public key hint, when the bundle carries a public key reference. @default - none */
  readonly keyHint?: string;
  /** True when the bundle carries transparency-log entries (signet does not check them). */
  readonly hasTlogEntries: boolean;
}

/** cosign's key hint: standard base64 of SHA-256 over the PKIX DER public key. */
export function publicKeyHint(publicKeyDer: Uint8Array): string {
  return createHash('sha256').update(publicKeyDer).digest('base64');
}

/**
 * Builds the bundle JSON in protojson's field order (mediaType, verificationMaterial, dsseEnvelope;
 * payload, payloadType, signatures), compact, bytes as standard base64, empty `keyid` omitted.
 */
export function dsseBundle(args: DsseBundleArgs): Uint8Array {
  return goJsonBytes({
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: publicKeyHint(args.publicKeyDer) } },
    dsseEnvelope: {
      payload: Buffer.from(args.payload).toString('base64'),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: Buffer.from(args.signature).toString('base64') }],
    },
  });
}

/**
 * Parses a bundle read from a referrer layer. It must be a v0.3+ bundle holding a DSSE envelope
 * (a message-signature bundle is what `cosign sign-blob` makes, not an image signature).
 *
 * @throws {@link FormatError} `FORMAT_INVALID_BUNDLE`
 */
export function parseDsseBundle(bytes: Uint8Array): ParsedDsseBundle {
  const doc = parseStrictJsonObject(bytes, invalid);
  const { mediaType, verificationMaterial, dsseEnvelope } = doc;
  if (typeof mediaType !== 'string' || !isV03OrLater(mediaType)) throw invalid(`media type ${quote(mediaType)} is not a v0.3 or later bundle`);
  if (!isObject(dsseEnvelope)) throw invalid('it holds no DSSE envelope (a message signature is not an image signature)');
  const { payload, payloadType, signatures } = dsseEnvelope;
  if (typeof payloadType !== 'string') throw invalid('the envelope has no payloadType');
  if (typeof payload !== 'string' || !isStandardBase64(payload)) throw invalid('the envelope payload is not standard base64');
  if (!Array.isArray(signatures) || signatures.length === 0) throw invalid('the envelope has no signatures');
  const sigs = signatures.map((entry: unknown, index) => {
    if (!isObject(entry) || typeof entry.sig !== 'string' || !isStandardBase64(entry.sig)) throw invalid(`signature ${index + 1} is not standard base64`);
    return new Uint8Array(Buffer.from(entry.sig, 'base64'));
  });
  const material = isObject(verificationMaterial) ? verificationMaterial : {};
  const hint = isObject(material.publicKey) && typeof material.publicKey.hint === 'string' ? material.publicKey.hint : undefined;
  return {
    mediaType,
    payloadType,
    payload: new Uint8Array(Buffer.from(payload, 'base64')),
    signatures: sigs,
    ...(hint === undefined ? {} : { keyHint: hint }),
    hasTlogEntries: Array.isArray(material.tlogEntries) && material.tlogEntries.length > 0,
  };
}

/** True for `application/vnd.dev.sigstore.bundle.v0.3+json` and later (and the `;version=0.3` form). */
function isV03OrLater(mediaType: string): boolean {
  const m = /^application\/vnd\.dev\.sigstore\.bundle(?:\.v(\d+)\.(\d+)\+json|\+json;version=(\d+)\.(\d+))$/.exec(mediaType);
  if (m === null) return false;
  const major = Number(m[1] ?? m[3]);
  const minor = Number(m[2] ?? m[4]);
  return major > 0 || minor >= 3;
}


function invalid(what: string): FormatError {
  return new FormatError('FORMAT_INVALID_BUNDLE', `invalid sigstore bundle: ${what}`);
}
