/**
 * Step images of the app, pinned by digest.
 */

/**
 * The signer image. PLACEHOLDER until the signer image lands: the all-zero digest does not exist in any
 * registry, so a run fails at image pull rather than running something unpinned.
 */
export const SIGNER_IMAGE_PLACEHOLDER = `ghcr.io/signet-dev/signet@sha256:${'0'.repeat(64)}`;

/**
 * buildah, as used by tektoncd/catalog's buildah task. PLACEHOLDER digest until the catalog task pins a real
 * `quay.io/buildah/stable` digest (this machine cannot reach quay.io to resolve one).
 */
export const BUILDAH_IMAGE_PLACEHOLDER = `quay.io/buildah/stable:v1@sha256:${'0'.repeat(64)}`;
