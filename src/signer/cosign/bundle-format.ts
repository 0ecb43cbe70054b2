/**
 * cosign v3's bundle format as pure functions over bytes (no I/O): the in-toto statement, DSSE's
 * pre-authentication encoding, the Sigstore bundle, the referrer manifest and the referrers index.
 */
export {
  BUNDLE_MEDIA_TYPE_PREFIX,
  BUNDLE_V03_MEDIA_TYPE,
  dsseBundle,
  parseDsseBundle,
  publicKeyHint,
  type DsseBundleArgs,
  type ParsedDsseBundle,
} from './bundle.js';
export { IN_TOTO_PAYLOAD_TYPE, preAuthEncoding } from './dsse.js';
export {
  BUNDLE_CONTENT_ANNOTATION,
  BUNDLE_PREDICATE_TYPE_ANNOTATION,
  bundleLayerOf,
  bundleReferrerManifest,
  CREATED_ANNOTATION,
  EMPTY_BLOB,
  EMPTY_MEDIA_TYPE,
  parseReferrerManifest,
  parseReferrersIndex,
  referrersIndex,
  referrersTag,
  rfc3339Seconds,
  type ArtifactDescriptor,
  type BundleReferrer,
  type BundleReferrerArgs,
  type ParsedReferrer,
} from './referrer.js';
export { COSIGN_SIGN_PREDICATE_TYPE, IN_TOTO_STATEMENT_V1, parseSignStatement, signStatement, type SignStatement, type SignStatementArgs } from './statement.js';
