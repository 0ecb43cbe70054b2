/**
 * The signer as a library: keys, the OCI registry client, the cosign format, and the sign/verify use
 * cases the `signet` CLI is a thin shell over. Exported from the package as the `signer` namespace.
 */
export * from './cosign/index.js';
export * from './cosign/sign.js';
export * from './cosign/sign-bundle.js';
export * from './cosign/sign-images.js';
export * from './cosign/verify.js';
export * from './keys/index.js';
export * from './oci/index.js';
