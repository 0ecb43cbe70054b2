/**
 * Media types of OCI and Docker manifests, configs and layers, and of cosign's signature payload: one table for
 * the image builder and the signer.
 * @see https://github.com/opencontainers/image-spec/blob/main/media-types.md
 * @see https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
 */
export const MEDIA_TYPES = {
  /** OCI image index (never a valid `.sig` manifest). */
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  /** OCI image manifest; the default, and the only type containers/image accepts for a `.sig` manifest. */
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  /** OCI image config, also the config blob type of a `.sig` manifest. */
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  /** gzip-compressed OCI layer. */
  ociLayerTarGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  /** Uncompressed OCI layer. */
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  /** Docker schema 2 manifest (cosign writes it with `COSIGN_DOCKER_MEDIA_TYPES=1`). */
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  /** Docker manifest list (never a valid `.sig` manifest). */
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  /** Docker image config (`COSIGN_DOCKER_MEDIA_TYPES=1`). */
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  /** gzip-compressed Docker layer. */
  dockerLayerTarGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  /** cosign's simple-signing payload layer (`pkg/types/media.go` in cosign). */
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
} as const;
