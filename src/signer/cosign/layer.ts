import { MEDIA_TYPES, SIGNATURE_ANNOTATION } from './constants.js';
import { type Descriptor } from './descriptor.js';
import { sha256Digest } from '../../shared/oci/index.js';
import { FormatError } from './errors.js';

/**
 * The `.sig` layer descriptor for one signature: the payload is the (uncompressed) blob, the
 * signature rides in the {@link SIGNATURE_ANNOTATION} annotation.
 *
 * @param payload the exact payload bytes that were signed (they are also the layer blob)
 * @param signatureBase64 the signature in standard, padded base64
 * @param extraAnnotations further layer annotations, e.g. certificate, chain or Rekor bundle
 * @default extraAnnotations - none: only the signature annotation, as key signing without a transparency log writes
 * @throws {@link FormatError} `FORMAT_INVALID_SIGNATURE` when `signatureBase64` is empty or not standard base64
 */
export function signatureLayer(payload: Uint8Array, signatureBase64: string, extraAnnotations: Readonly<Record<string, string>> = {}): Descriptor {
  if (!isStandardBase64(signatureBase64)) {
    throw new FormatError('FORMAT_INVALID_SIGNATURE', 'the signature must be non-empty standard base64 (A-Z a-z 0-9 + / with = padding)');
  }
  return {
    mediaType: MEDIA_TYPES.simpleSigning,
    size: payload.length,
    digest: sha256Digest(payload),
    annotations: { ...extraAnnotations, [SIGNATURE_ANNOTATION]: signatureBase64 },
  };
}

/** Whether `text` is non-empty, padded standard base64 (what Go's `base64.StdEncoding` decodes). */
export function isStandardBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}
