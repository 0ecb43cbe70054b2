import type { Construct } from 'constructs';
import { Task, type TaskProps } from '../constructs/index.js';
import {
  type CatalogMetadata,
  catalogObjectMetadata,
  checkCatalogDescription,
  checkCatalogMetadata,
  DEFAULT_CATALOG_PLATFORMS,
  DEFAULT_PIPELINES_MIN_VERSION,
} from './catalog-metadata.js';

/** Props of a {@link CatalogTask}. */
export interface CatalogTaskProps extends TaskProps {
  /** Version, categories, tags, display name and platforms; rendered as the catalog labels and annotations. */
  readonly catalog: CatalogMetadata;
  /** `spec.description`: a one-line summary, a blank line, then the detail (required by the catalog). */
  readonly description: string;
}

/**
 * A Task that belongs to the catalog: it cannot be built without its catalog metadata and a description, and
 * it renders them as the labels and annotations tektoncd/catalog tooling (catlin, Artifact Hub) reads.
 *
 * Every task in `src/catalog/` extends this class, so none can forget `app.kubernetes.io/version`,
 * `tekton.dev/pipelines.minVersion`, `tekton.dev/categories` and friends.
 *
 * @see https://github.com/tektoncd/catalog/blob/main/recommendations.md (catalog metadata and authoring rules)
 */
export class CatalogTask extends Task {
  /** The catalog metadata with defaults resolved. */
  public readonly catalog: Required<CatalogMetadata>;

  public constructor(scope: Construct, id: string, props: CatalogTaskProps) {
    const where = `${scope.node.path}/${id}`;
    checkCatalogMetadata(where, props.catalog);
    checkCatalogDescription(where, props.description);
    super(scope, id, { ...props, metadata: catalogObjectMetadata(props.catalog, props.metadata) });
    this.catalog = {
      ...props.catalog,
      platforms: props.catalog.platforms ?? DEFAULT_CATALOG_PLATFORMS,
      minPipelinesVersion: props.catalog.minPipelinesVersion ?? DEFAULT_PIPELINES_MIN_VERSION,
      deprecated: props.catalog.deprecated ?? false,
    };
  }
}
