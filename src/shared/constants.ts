/**
 * Names shared by the construct side and the signer side.
 *
 * The `CosignSignTask` builds its step arguments from these constants and the `signet` CLI parses
 * the same constants, so renaming a flag breaks the build rather than a cluster.
 */

/**
 * The CLI's two files, side by side in the package (lib/bin/) and in the signer image (/opt/signet/): the
 * launcher `node` runs, and the bundle it compiles once the key's scrypt has started (src/signer/cli/launch.ts).
 */
export const SIGNER_CLI_FILES = {
  launcher: 'signet.cjs',
  bundle: 'signet-cli.cjs',
} as const;

/** Sub-commands of the `signet` CLI. */
export const SIGNER_COMMANDS = {
  generateKeyPair: 'generate-key-pair',
  sign: 'sign',
  verify: 'verify',
  publicKey: 'public-key',
  lint: 'lint',
  /** Scaffolds a GitOps repository that uses signet (`signet init [dir]`). */
  init: 'init',
  /** Builds and pushes the signer image (`signet image build --push REF`). */
  image: 'image',
} as const;

/** Long flag names of the `signet` CLI (without the leading `--`), cosign-compatible where they overlap. */
export const SIGNER_FLAGS = {
  key: 'key',
  passwordFile: 'password-file',
  outputKeyPrefix: 'output-key-prefix',
  annotations: 'annotations',
  signContainerIdentity: 'sign-container-identity',
  identityWithTag: 'identity-with-tag',
  allowHttpRegistry: 'allow-http-registry',
  allowInsecureRegistry: 'allow-insecure-registry',
  registryCaFile: 'registry-cacert',
  /** Overall deadline of one registry request (Go duration, e.g. `60s`). */
  requestTimeout: 'request-timeout',
  /** Deadline for all the registry work of one command (cosign's `--timeout`). */
  timeout: 'timeout',
  resultsDir: 'results-dir',
  keyFormat: 'key-format',
  /** `sign`: write the signed image's URL (no digest) to this file, e.g. `$(results.IMAGE_URL.path)`. */
  imageUrlFile: 'image-url-file',
  /** `sign`: write the signed image's digest to this file, e.g. `$(results.IMAGE_DIGEST.path)`. */
  imageDigestFile: 'image-digest-file',
  /** `sign`/`verify`: cosign v3's Sigstore bundle referrer instead of (verify: or as well as) the `.sig` tag. */
  newBundleFormat: 'new-bundle-format',
  /** `sign`: on an image index or manifest list, also sign every manifest it lists (cosign's `--recursive`/`-r`). */
  recursive: 'recursive',
} as const;

/** Environment variables the signer reads (cosign's names where they exist). */
export const SIGNER_ENV = {
  password: 'COSIGN_PASSWORD',
  dockerConfig: 'DOCKER_CONFIG',
  dockerAuthConfig: 'DOCKER_AUTH_CONFIG',
  sslCertFile: 'SSL_CERT_FILE',
} as const;

/**
 * Result names that Tekton Chains reads to find the image a run produced.
 * @see https://tekton.dev/docs/chains/slsa-provenance/ (type hinting)
 */
export const CHAINS_RESULTS = {
  imageUrl: 'IMAGE_URL',
  imageDigest: 'IMAGE_DIGEST',
} as const;

/**
 * Data keys of the signing Secret written by `cosign generate-key-pair k8s://ns/name`, which is
 * also the shape Tekton Chains' `signing-secrets` expects.
 */
export const SIGNING_SECRET_KEYS = {
  privateKey: 'cosign.key',
  publicKey: 'cosign.pub',
  password: 'cosign.password',
} as const;

/** Where signing-key Secrets are mounted in signet's Tasks. */
export const DEFAULT_KEY_MOUNT_PATH = '/keys';
