/**
 * The one place an app sets the signer image for every signer Task in it: a construct-tree context key,
 * read by `CosignSignTask`, `CosignVerifyTask` and so `BuildAndSignPipeline`. Users who publish their
 * own signer image (`signet image build --push …`) set it once next to `new App()`.
 */
import type { Construct } from 'constructs';
import { signerImage } from '../image/lock.js';
import { CatalogError } from './errors.js';
import { checkPinnedImage } from './images.js';

/**
 * Context key holding the signer image reference (`registry/repository[:tag]@sha256:<hex>`) for every signer
 * Task below the scope it is set on. Set it with {@link useSignerImage}.
 */
export const SIGNER_IMAGE_CONTEXT_KEY = 'signet:signerImage';

/**
 * Makes every signer Task created below `scope` (usually the `App`) run `reference`, e.g. the image
 * `signet image build --push` printed. Call it before adding charts: context is fixed once a scope has children.
 * A Task's own `image` prop still wins.
 */
export function useSignerImage(scope: Construct, reference: string): void {
  const where = `${scope.node.path || 'app'}: signer image (${SIGNER_IMAGE_CONTEXT_KEY})`;
  checkPinnedImage(where, reference);
  if (scope.node.children.length > 0) {
    throw new CatalogError(
      'CATALOG_INVALID_IMAGE',
      `${where}: set after constructs were added, so they would not see it; call useSignerImage right after new App()`,
    );
  }
  scope.node.setContext(SIGNER_IMAGE_CONTEXT_KEY, reference);
}

/**
 * The signer image for a Task at `scope`: the Task's own `override`, else the context set with
 * {@link useSignerImage}, else the image in signer-image.lock.json; always checked to be pinned by digest.
 */
export function signerImageFor(scope: Construct, override: string | undefined): string {
  if (override !== undefined) return checkPinnedImage(`${scope.node.path}: image`, override);
  const fromContext: unknown = scope.node.tryGetContext(SIGNER_IMAGE_CONTEXT_KEY);
  if (fromContext === undefined) return signerImage().reference;
  if (typeof fromContext !== 'string') {
    throw new CatalogError('CATALOG_INVALID_IMAGE', `${scope.node.path}: context '${SIGNER_IMAGE_CONTEXT_KEY}' is not a string; set it with useSignerImage(app, 'registry/repo@sha256:<hex>')`);
  }
  return checkPinnedImage(`${scope.node.path}: context '${SIGNER_IMAGE_CONTEXT_KEY}'`, fromContext);
}
