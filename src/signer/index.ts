/**
 * The signer as a library: keys, the OCI registry client, the cosign signature format, and the
 * sign/verify use cases the `signet` CLI is a thin shell over. Exported from the package as the
 * `signer` namespace. Every export is named here on purpose (no `export *`): transport plumbing,
 * format builders and test hooks stay internal, so they can change without breaking users.
 */
// sign and verify: the use cases
export { signImage, SigningError, type SignImageOptions, type SignImageResult, type SigningErrorCode } from './cosign/sign.js';
export { signImages, type SignImagesOptions, type SignImagesOutcome } from './cosign/sign-images.js';
export { signImageBundle, type SignImageBundleOptions, type SignImageBundleResult } from './cosign/sign-bundle.js';
export type { SignStatement } from './cosign/statement.js';
export { verifyImage, type SignatureFormat, type VerifiedBundle, type VerifiedSignature, type VerifyImageOptions, type VerifyImageResult } from './cosign/verify.js';
// keys
export {
  decryptPrivateKey,
  encryptPrivateKey,
  generateKeyPair,
  inspectEncryptedKey,
  KeyError,
  loadPublicKey,
  type EncryptedKeyInfo,
  type GeneratedKeyPair,
  type KeyErrorCode,
  type KeyFormat,
  type KeySourceOptions,
  type KeyType,
  type ScryptParams,
  type Signer,
  type Verifier,
} from './keys/index.js';
// the registry: references, credentials, the client
export {
  anonymous,
  createRegistryClient,
  formatReference,
  InvalidReferenceError,
  loadDockerConfig,
  loadDockerKeychain,
  parseDockerConfig,
  prefetchCredentials,
  parseReference,
  RegistryError,
  type BlobUpload,
  type BlobWritten,
  type Credential,
  type CredentialHelperOptions,
  type CredentialStore,
  type DockerConfigLocation,
  type DockerKeychainOptions,
  type Fetcher,
  type GetBlobOptions,
  type ImageReference,
  type Keychain,
  type Manifest,
  type ManifestHead,
  type Pusher,
  type PutBlobOptions,
  type ReferenceErrorCode,
  type RegistryClient,
  type ManifestPut,
  type ReferrersAnswer,
  type ReferrersClient,
  type RegistryClientOptions,
  type RegistryErrorCode,
  type RegistryErrorDetails,
  type RepositoryRef,
  type RequestEvent,
  type TlsOptions,
  type TransportOptions,
} from './oci/index.js';
// the cosign format: what a signature is, for readers and interop
export {
  FormatError,
  parseSimpleSigningPayload,
  signatureTag,
  simpleSigningPayload,
  SIGNATURE_ANNOTATION,
  type FormatErrorCode,
  type SimpleSigningPayload,
  type SimpleSigningPayloadArgs,
} from './cosign/index.js';
