/**
 * Step images of the catalog tasks, pinned by digest.
 *
 * A digest this machine could not confirm is marked `placeholder: true` and uses the all-zero digest, which no
 * registry serves: a run then fails at image pull instead of running something unpinned. `placeholderImages()`
 * lists them, and a test prints that list so nobody ships one unknowingly.
 */
import { hasRegistry, InvalidReferenceError, parseReference } from '../shared/oci/index.js';
import { CatalogError } from './errors.js';

/** An image reference pinned by digest, with where the digest came from. */
export interface PinnedImage {
  /** `registry/repository:tag@sha256:<hex>`. */
  readonly reference: string;
  /** True when the digest is an all-zero stand-in (`sha256:000…`): override the image before running the task. */
  readonly placeholder: boolean;
  /** Where the digest comes from, or how to resolve the real one. */
  readonly source: string;
}

/** The images the catalog tasks run by default. */
export const CATALOG_IMAGES = {
  /**
   * The `git-init` image of the distributed catalog's git-clone (the image tektoncd/catalog git-clone 0.10 runs),
   * `v1.1.0`. Runs as uid 65532.
   */
  gitInit: {
    reference: 'ghcr.io/tektoncd-catalog/git-clone:v1.1.0@sha256:b7fe6c370322586feb555c807f3fae7ca5d62c20ebbcca987114e69366151957',
    placeholder: false,
    source: 'digest of ghcr.io/tektoncd-catalog/git-clone:v1.1.0 as pinned in public Tekton pipeline repositories; confirm with `crane digest`',
  },
  /**
   * buildah's stable image (the multi-architecture index), the builder tektoncd/catalog's buildah task uses.
   * Runs privileged, as buildah needs.
   */
  buildah: {
    reference: 'quay.io/buildah/stable@sha256:56e6ebc9bb71c8303b1968fb51304d3512e14a1b8c730bd0b27ebdf772a34ceb',
    placeholder: false,
    source:
      'digest of the quay.io/buildah/stable multi-architecture index as pinned in public CI configurations; quay.io is ' +
      'unreachable from the build machine, so confirm with `crane digest quay.io/buildah/stable:v1` and override with `builderImage` to track a newer one',
  },
} as const satisfies Record<string, PinnedImage>;

/** The default images that are still placeholders, by name. */
export function placeholderImages(): string[] {
  return Object.entries(CATALOG_IMAGES)
    .filter(([, image]) => image.placeholder)
    .map(([name, image]) => `${name}: ${image.reference}`);
}

/** Checks that `image` names its registry and is pinned by a sha256 digest; throws naming `where`. */
export function checkPinnedImage(where: string, image: string): string {
  if (!hasRegistry(image) || !parsesWithSha256(image)) {
    throw new CatalogError(
      'CATALOG_INVALID_IMAGE',
      `${where}: image '${image}' is not pinned by digest; write registry/repository[:tag]@sha256:<64 hex>`,
    );
  }
  return image;
}

function parsesWithSha256(image: string): boolean {
  try {
    return parseReference(image).digest?.startsWith('sha256:') === true;
  } catch (error) {
    if (error instanceof InvalidReferenceError) return false;
    throw error;
  }
}
