/**
 * Media types, annotation keys and fixed strings of cosign's tag-based (`.sig`) signature storage.
 * @see https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
 * @see https://github.com/opencontainers/image-spec/blob/main/media-types.md
 */

/** Media types used in and around a `.sig` manifest. */
export const MEDIA_TYPES = {
  /** OCI image manifest; the default (and the only type containers/image accepts for `.sig`). */
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  /** OCI image config, the `.sig` manifest's config blob type. */
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  /** OCI image index (never a valid `.sig` manifest). */
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  /** The simple-signing payload layer (`pkg/types/media.go` in cosign). */
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  /** Docker schema 2 manifest (`COSIGN_DOCKER_MEDIA_TYPES=1`). */
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  /** Docker image config (`COSIGN_DOCKER_MEDIA_TYPES=1`). */
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  /** Docker manifest list (never a valid `.sig` manifest). */
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

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
