/**
 * Names and paths of the signer image. The image's paths are a contract with `CosignSignTask`
 * (its step runs `SIGNER_ENTRYPOINT`), so they live here once.
 */
import { SIGNER_CLI_FILES } from '../shared/constants.js';

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

/**
 * Where `npm run bundle` writes the CLI's launcher, relative to the package root, with the CLI bundle
 * (`signet-cli.cjs`) beside it (scripts/bundle.mjs).
 */
export const SIGNER_BUNDLE_FILE = `build/signer/${SIGNER_CLI_FILES.launcher}`;
/** Where the CLI's launcher sits in the image: the file the entrypoint runs. */
export const SIGNER_BUNDLE_PATH = `/opt/signet/${SIGNER_CLI_FILES.launcher}`;
/** Where the CLI bundle sits in the image, beside the launcher that compiles it. */
export const SIGNER_CLI_BUNDLE_PATH = `/opt/signet/${SIGNER_CLI_FILES.bundle}`;
/** The node binary inside the image (the runtime base puts it here; `Dockerfile` bases must too). */
export const IMAGE_NODE_PATH = '/usr/bin/node';
/** The image's entrypoint: node running the launcher; Task steps pass only the sub-command and flags. */
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
