/**
 * cosign's tag-based signature format as pure functions over bytes and descriptors (no I/O).
 * The pieces live in small files; this module gathers them.
 */
export { appendSignature } from './append.js';
export { signatureConfig, type SignatureConfigOptions } from './config.js';
export {
  BUNDLE_ANNOTATION,
  CERTIFICATE_ANNOTATION,
  CHAIN_ANNOTATION,
  MEDIA_TYPES,
  RFC3161_TIMESTAMP_ANNOTATION,
  SIGNATURE_ANNOTATION,
  SIGNATURE_TAG_SUFFIX,
  SIMPLE_SIGNING_TYPE,
  ZERO_TIME,
} from './constants.js';
export { type Descriptor } from './descriptor.js';
export { isDigest, sha256Digest } from '../../shared/oci/index.js';
export { FormatError, type FormatErrorCode } from './errors.js';
export { dockerReferenceIdentity } from './identity.js';
export { isStandardBase64, signatureLayer } from './layer.js';
export {
  parseSignatureManifest,
  signatureManifest,
  type ParsedSignatureManifest,
  type SignatureManifest,
  type SignatureManifestOptions,
} from './manifest.js';
export { parseSimpleSigningPayload, simpleSigningPayload, type SimpleSigningPayload, type SimpleSigningPayloadArgs } from './payload.js';
export { signatureTag } from './tag.js';
