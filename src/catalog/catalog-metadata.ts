import type { ApiObjectMetadata } from 'cdk8s';
import { CatalogError } from './errors.js';

/**
 * The categories Tekton Hub and Artifact Hub accept in `tekton.dev/categories` (catlin rejects anything else).
 *
 * @see https://github.com/tektoncd/hub/blob/main/config.yaml (the categories Tekton Hub accepts)
 */
export const CATALOG_CATEGORIES = [
  'Automation',
  'Build Tools',
  'CLI',
  'Cloud',
  'Code Quality',
  'Continuous Integration',
  'Deployment',
  'Developer Tools',
  'Image Build',
  'Integration & Delivery',
  'Git',
  'Kubernetes',
  'Messaging',
  'Monitoring',
  'Networking',
  'Openshift',
  'Publishing',
  'Security',
  'Storage',
  'Testing',
] as const;

/** One of {@link CATALOG_CATEGORIES}. */
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

/** Label and annotation keys of a catalog resource. */
export const CATALOG_KEYS = {
  version: 'app.kubernetes.io/version',
  minPipelinesVersion: 'tekton.dev/pipelines.minVersion',
  categories: 'tekton.dev/categories',
  tags: 'tekton.dev/tags',
  displayName: 'tekton.dev/displayName',
  platforms: 'tekton.dev/platforms',
  deprecated: 'tekton.dev/deprecated',
} as const;

/**
 * The lowest Tekton Pipelines release the catalog's resources are written for.
 *
 * Why 1.0.0: every resource uses the `tekton.dev/v1` API with step-level `securityContext`, optional
 * workspaces and array params, and 1.0 is the first LTS line the distributed catalog targets.
 */
export const DEFAULT_PIPELINES_MIN_VERSION = '1.0.0';

/** Platforms the catalog's images are published for; pass your own when an image has fewer. */
export const DEFAULT_CATALOG_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64'];

/** The catalog facts of one resource: its version, where Hub lists it, and what it runs on. */
export interface CatalogMetadata {
  /** Catalog version, `MAJOR.MINOR` (classic layout: the directory name), e.g. `0.1`. */
  readonly version: string;
  /** Hub categories (at least one). */
  readonly categories: readonly CatalogCategory[];
  /** Search tags. */
  readonly tags: readonly string[];
  /** Human-readable name, e.g. `git clone`. */
  readonly displayName: string;
  /**
   * `os/arch` pairs the resource runs on.
   * @default DEFAULT_CATALOG_PLATFORMS
   */
  readonly platforms?: readonly string[];
  /**
   * The lowest Tekton Pipelines version that runs it.
   * @default DEFAULT_PIPELINES_MIN_VERSION
   */
  readonly minPipelinesVersion?: string;
  /**
   * Mark the version as superseded (`tekton.dev/deprecated: "true"`).
   * @default false
   */
  readonly deprecated?: boolean;
}

const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9]+$/;
const TAG = /^[a-z0-9][a-z0-9.-]*$/;

/** Checks catalog metadata against the catalog's rules; throws a {@link CatalogError} naming `where`. */
export function checkCatalogMetadata(where: string, meta: CatalogMetadata): void {
  const fail = (what: string): never => {
    throw new CatalogError('CATALOG_INVALID_METADATA', `${where}: ${what}`);
  };
  if (!VERSION.test(meta.version)) fail(`catalog version '${meta.version}' is not MAJOR.MINOR; write e.g. '0.1'`);
  if (meta.categories.length === 0) fail(`catalog categories are empty; pick at least one of: ${CATALOG_CATEGORIES.join(', ')}`);
  const known: readonly string[] = CATALOG_CATEGORIES;
  for (const c of meta.categories) {
    if (!known.includes(c)) fail(`catalog category '${c}' is not a Hub category; use one of: ${CATALOG_CATEGORIES.join(', ')}`);
  }
  for (const t of meta.tags) {
    if (!TAG.test(t)) fail(`catalog tag '${t}' must be lower-case letters, digits, '.' or '-', e.g. 'image-build'`);
  }
  if (meta.displayName.trim() === '') fail('catalog displayName is empty; give the name Hub shows, e.g. "git clone"');
  for (const p of meta.platforms ?? DEFAULT_CATALOG_PLATFORMS) {
    if (!PLATFORM.test(p)) fail(`catalog platform '${p}' is not an os/arch pair; write e.g. 'linux/amd64'`);
  }
  const min = meta.minPipelinesVersion ?? DEFAULT_PIPELINES_MIN_VERSION;
  if (!SEMVER.test(min)) fail(`minPipelinesVersion '${min}' is not a release version; write e.g. '1.0.0'`);
}

/** Checks that a catalog description has a one-line summary, as catlin requires; throws naming `where`. */
export function checkCatalogDescription(where: string, description: string | undefined): string {
  const summary = (description ?? '').split('\n')[0]?.trim() ?? '';
  if (summary === '') {
    throw new CatalogError(
      'CATALOG_MISSING_DESCRIPTION',
      `${where}: catalog resources need spec.description: a one-line summary, a blank line, then the detail`,
    );
  }
  return description!;
}

/**
 * The catalog labels and annotations of `meta`, merged into `metadata` (the caller's own keys win, except the
 * catalog keys, which always come from `meta` so the YAML cannot disagree with the construct).
 */
export function catalogObjectMetadata(meta: CatalogMetadata, metadata: ApiObjectMetadata = {}): ApiObjectMetadata {
  const annotations: Record<string, string> = {
    ...metadata.annotations,
    [CATALOG_KEYS.minPipelinesVersion]: meta.minPipelinesVersion ?? DEFAULT_PIPELINES_MIN_VERSION,
    [CATALOG_KEYS.categories]: meta.categories.join(', '),
    [CATALOG_KEYS.tags]: meta.tags.join(','),
    [CATALOG_KEYS.displayName]: meta.displayName,
    [CATALOG_KEYS.platforms]: (meta.platforms ?? DEFAULT_CATALOG_PLATFORMS).join(','),
  };
  if (meta.deprecated) annotations[CATALOG_KEYS.deprecated] = 'true';
  return {
    ...metadata,
    labels: { ...metadata.labels, [CATALOG_KEYS.version]: meta.version },
    annotations,
  };
}
