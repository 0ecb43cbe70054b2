import { SignetError } from '../shared/errors.js';

/** Why a catalog construct or the catalog generator refused its input. */
export type CatalogErrorCode =
  | 'CATALOG_INVALID_METADATA'
  | 'CATALOG_INVALID_IMAGE'
  | 'CATALOG_MISSING_DESCRIPTION'
  | 'CATALOG_DUPLICATE_ENTRY'
  | 'CATALOG_INCOMPLETE_ENTRY'
  | 'CATALOG_INVALID_OBJECT';

/**
 * Raised by `src/catalog/` when a catalog task or entry would not meet the tektoncd/catalog conventions
 * (metadata, pinned images, descriptions). Messages name the construct path and the offending value.
 */
export class CatalogError extends SignetError<CatalogErrorCode> {
  public constructor(code: CatalogErrorCode, message: string) {
    super(code, message);
  }
}
