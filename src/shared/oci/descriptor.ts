/**
 * OCI content descriptors: what a manifest or index says about one blob.
 * @see https://github.com/opencontainers/image-spec/blob/main/descriptor.md
 */

/** The platform of an index entry. */
export interface Platform {
  /** CPU architecture, e.g. `amd64`. */
  readonly architecture: string;
  /** Operating system, e.g. `linux`. */
  readonly os: string;
  /**
   * CPU variant, e.g. `v8` for arm64.
   * @default - no `variant` field: the platform has none
   */
  readonly variant?: string;
}

/** A content descriptor; `D` narrows the digest, e.g. to `Sha256Digest` where signet wrote the blob itself. */
export interface Descriptor<D extends string = string> {
  /** Media type of the referenced blob (see `MEDIA_TYPES`). */
  readonly mediaType: string;
  /** Digest of the blob, e.g. `sha256:<hex>`. */
  readonly digest: D;
  /** Size of the blob in bytes. */
  readonly size: number;
  /**
   * Annotations of the blob (for `.sig` layers: the signature and optional certificate, chain, bundle).
   * @default - no `annotations` field
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Only in an index entry.
   * @default - no `platform` field: the entry is not platform-specific
   */
  readonly platform?: Platform;
}
