/**
 * Step images of the catalog tasks, pinned by digest.
 *
 * A digest this machine could not confirm is marked `placeholder: true` and uses the all-zero digest, which no
 * registry serves: a run then fails at image pull instead of running something unpinned. `placeholderImages()`
 * lists them, and a test prints that list so nobody ships one unknowingly.
 */
import { CatalogError } from './errors.js';

/** An image reference pinned by digest, with where the digest came from. */
export interface PinnedImage {
  /** `registry/repository:tag@sha256:<hex>`. */
  readonly reference: string;
  /** True when the digest is the all-zero stand-in: override the image before running the task. */
  readonly placeholder: boolean;
  /** Where the digest comes from, or how to resolve the real one. */
  readonly source: string;
}

const ZERO_DIGEST = `sha256:${'0'.repeat(64)}`;

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
  /** buildah's stable image, the builder tektoncd/catalog's buildah task uses. */
  buildah: {
    reference: `quay.io/buildah/stable:v1@${ZERO_DIGEST}`,
    placeholder: true,
    source: 'PLACEHOLDER: resolve with `crane digest quay.io/buildah/stable:v1` (quay.io is unreachable from the build machine) and pass it as `builderImage`',
  },
} as const satisfies Record<string, PinnedImage>;

/** The default images that are still placeholders, by name. */
export function placeholderImages(): string[] {
  return Object.entries(CATALOG_IMAGES)
    .filter(([, image]) => image.placeholder)
    .map(([name, image]) => `${name}: ${image.reference}`);
}

const DIGEST_REFERENCE = /^[a-z0-9][a-z0-9.-]*(:[0-9]+)?\/[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[a-f0-9]{64}$/;

/** Checks that `image` is fully qualified and pinned by a sha256 digest; throws naming `where`. */
export function checkPinnedImage(where: string, image: string): string {
  if (!DIGEST_REFERENCE.test(image)) {
    throw new CatalogError(
      'CATALOG_INVALID_IMAGE',
      `${where}: image '${image}' is not pinned by digest; write registry/repository[:tag]@sha256:<64 hex>`,
    );
  }
  return image;
}
