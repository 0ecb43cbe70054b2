/**
 * Media types, annotation keys and fixed strings of cosign's tag-based (`.sig`) signature storage.
 * @see https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
 * @see https://github.com/opencontainers/image-spec/blob/main/media-types.md
 */

/** Media types used in and around a `.sig` manifest: the shared OCI table. */
export { MEDIA_TYPES } from '../../shared/oci/media-types.js';

/** Layer annotation holding the base64 (standard, padded) signature over the layer blob. */
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** Layer annotation with the PEM signing certificate (keyless or `--certificate`). Note the other prefix. */
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
/** Layer annotation with the PEM certificate chain (present whenever the certificate is). */
export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
/** Layer annotation with the Rekor bundle JSON (only after a transparency-log upload). */
export const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
/** Layer annotation with an RFC 3161 timestamp JSON (only with a timestamp authority). */
export const RFC3161_TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';

/** `critical.type` of every cosign simple-signing payload. */
export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

/** Suffix of the signature tag: `sha256-<hex>.sig`. */
export const SIGNATURE_TAG_SUFFIX = '.sig';

/** Go's zero `time.Time` in RFC 3339, which cosign >= 2.2 writes as the config's creation time. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';
