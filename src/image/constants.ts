/**
 * Names and paths of the signer image. The image's paths are a contract with `CosignSignTask`
 * (its step runs `SIGNER_ENTRYPOINT`), so they live here once.
 */

/** Media types of the image: the shared OCI table. */
export { MEDIA_TYPES } from '../shared/oci/media-types.js';

/** Annotation and label keys from the OCI image-spec `annotations.md`. */
export const OCI_ANNOTATIONS = {
  refName: 'org.opencontainers.image.ref.name',
  source: 'org.opencontainers.image.source',
  version: 'org.opencontainers.image.version',
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  licenses: 'org.opencontainers.image.licenses',
  baseName: 'org.opencontainers.image.base.name',
  baseDigest: 'org.opencontainers.image.base.digest',
} as const;

/** The repository the constructs reference; the lock pins a digest in it. */
export const SIGNER_IMAGE_REPOSITORY = 'ghcr.io/signet-dev/signet';
/** Source repository recorded in the image labels. */
export const SIGNER_SOURCE_URL = 'https://github.com/signet-dev/signet';

/** Where `npm run bundle` writes the CLI bundle, relative to the package root; the package ships it there. */
export const SIGNER_BUNDLE_FILE = 'build/signer/signet.cjs';
/** Where the bundled CLI sits in the image. */
export const SIGNER_BUNDLE_PATH = '/opt/signet/signet.cjs';
/** The node binary inside the image (the runtime base puts it here; `Dockerfile` bases must too). */
export const IMAGE_NODE_PATH = '/usr/bin/node';
/** The image's entrypoint: node running the bundle; Task steps pass only the sub-command and flags. */
export const SIGNER_ENTRYPOINT: readonly string[] = [IMAGE_NODE_PATH, SIGNER_BUNDLE_PATH];

/** The unprivileged user every signer container runs as (the distroless `nonroot` uid and gid). */
export const NONROOT_UID = 65532;
/** Home and working directory of {@link NONROOT_UID}. */
export const NONROOT_HOME = '/home/nonroot';
/** CA bundle path, also exported to the signer as `SSL_CERT_FILE`. */
export const CA_BUNDLE_PATH = '/etc/ssl/certs/ca-certificates.crt';

/**
 * The `created` time of the config and history: the epoch, because a wall-clock time would change
 * the digest on every build.
 */
export const IMAGE_CREATED = '1970-01-01T00:00:00Z';
