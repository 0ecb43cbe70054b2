/**
 * The OCI image configuration of the signer image (image-spec `config.md`).
 */
import { CA_BUNDLE_PATH, IMAGE_CREATED, NONROOT_HOME, NONROOT_UID, OCI_ANNOTATIONS, SIGNER_ENTRYPOINT, SIGNER_SOURCE_URL } from './constants.js';
import type { Sha256Digest } from '../shared/oci/index.js';

/** One `history` record; `created` is always {@link IMAGE_CREATED}. */
export interface HistoryEntry {
  readonly created: string;
  readonly created_by: string;
  /** Free text about the step. @default - no `comment` field in the entry */
  readonly comment?: string;
  /** True for a step that added no layer. @default false */
  readonly empty_layer?: boolean;
}

/** The parts of an image config this project reads or writes. */
export interface OciImageConfig {
  readonly created: string;
  readonly architecture: string;
  readonly os: string;
  /** CPU variant, e.g. `v8` for arm64. @default - none (the platform has no variant) */
  readonly variant?: string;
  /** Runtime defaults; an absent field means the container runtime's default (image-spec `config.md`). */
  readonly config: {
    /** @default - root (uid 0) */
    readonly User?: string;
    /** @default - no environment */
    readonly Env?: readonly string[];
    /** @default - none: `Cmd` alone is run */
    readonly Entrypoint?: readonly string[];
    /** @default - no arguments */
    readonly Cmd?: readonly string[];
    /** @default - `/` */
    readonly WorkingDir?: string;
    /** @default - no labels */
    readonly Labels?: Readonly<Record<string, string>>;
  };
  readonly rootfs: { readonly type: 'layers'; readonly diff_ids: readonly Sha256Digest[] };
  /** @default - no history */
  readonly history?: readonly HistoryEntry[];
}

/** The default search path, the same as distroless and Debian's. */
export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Inputs of {@link signerImageConfig}. */
export interface SignerImageConfigOptions {
  /** Platform of the base. */
  readonly architecture: string;
  readonly os: string;
  /** CPU variant of the base. @default - none (the platform has no variant) */
  readonly variant?: string;
  /** The base's environment; `PATH` and other values are kept, `SSL_CERT_FILE` is set to the image's CA bundle. */
  readonly baseEnv: readonly string[];
  /** The base's layers (diff_ids) and history, in order. */
  readonly baseDiffIds: readonly Sha256Digest[];
  readonly baseHistory: readonly HistoryEntry[];
  /** diff_id of the layer holding the bundle. */
  readonly bundleDiffId: Sha256Digest;
  /** Project version, recorded as `org.opencontainers.image.version`. */
  readonly version: string;
}

/**
 * The signer's config: node runs the bundle as the non-root user, from its home directory, with no
 * secrets in `Env` (the password arrives at run time from the Task's Secret, never from the image).
 * No git revision label: it would change the digest on every commit and make the lock drift for nothing.
 */
export function signerImageConfig(options: SignerImageConfigOptions): OciImageConfig {
  const env = options.baseEnv.filter((e) => !e.startsWith('SSL_CERT_FILE='));
  if (!env.some((e) => e.startsWith('PATH='))) env.unshift(DEFAULT_PATH_ENV);
  env.push(`SSL_CERT_FILE=${CA_BUNDLE_PATH}`);
  return {
    created: IMAGE_CREATED,
    architecture: options.architecture,
    os: options.os,
    ...(options.variant === undefined ? {} : { variant: options.variant }),
    config: {
      User: `${NONROOT_UID}:${NONROOT_UID}`,
      Env: env,
      Entrypoint: [...SIGNER_ENTRYPOINT],
      WorkingDir: NONROOT_HOME,
      Labels: {
        [OCI_ANNOTATIONS.title]: 'signet',
        [OCI_ANNOTATIONS.description]: 'signet signer: cosign-compatible image signing',
        [OCI_ANNOTATIONS.source]: SIGNER_SOURCE_URL,
        [OCI_ANNOTATIONS.version]: options.version,
        [OCI_ANNOTATIONS.licenses]: 'Apache-2.0',
      },
    },
    rootfs: { type: 'layers', diff_ids: [...options.baseDiffIds, options.bundleDiffId] },
    history: [
      ...options.baseHistory,
      { created: IMAGE_CREATED, created_by: `signet image: add ${SIGNER_ENTRYPOINT[1]}`, comment: 'signet bundle layer' },
    ],
  };
}
