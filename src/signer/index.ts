/**
 * The signer as a library: keys, the OCI registry client, the cosign format, and the sign/verify use
 * cases the `signet` CLI is a thin shell over. Exported from the package as the `signer` namespace.
 */
export * from './cosign/index.js';
export * from './cosign/sign.js';
export * from './cosign/sign-images.js';
export * from './cosign/verify.js';
export * from './keys/index.js';
export * from './oci/index.js';
// Both layers validate digests; the format layer's check (a type guard over unknown input) is the public one.
export { isDigest } from './cosign/index.js';
