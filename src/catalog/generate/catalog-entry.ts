import type { Chart } from 'cdk8s';
import type { Pipeline, TektonObject } from '../../constructs/index.js';
import type { CatalogMetadata } from '../catalog-metadata.js';
import type { CatalogTask } from '../catalog-task.js';

/** A Task of the catalog, with the runs its folder ships. */
export interface CatalogTaskEntry {
  /** The task; its name, version and description decide the folder and README. */
  readonly task: CatalogTask;
  /** Ready-to-copy runs for `samples/`, by file name without `.yaml`; the first one is the README's usage example. */
  readonly samples: Readonly<Record<string, TektonObject>>;
  /** The run catalog CI applies (`tests/run.yaml`). */
  readonly testRun: TektonObject;
  /**
   * More files for `tests/` by file name (e.g. `resources.yaml`, `pre-apply-task-hook.sh`).
   * @default - `tests/` holds only `run.yaml`
   */
  readonly testFiles?: Readonly<Record<string, string>>;
  /**
   * Extra README paragraphs shown before the usage example (e.g. the fsGroup a non-root step needs).
   * @default - the README goes straight from the description to the usage example
   */
  readonly notes?: readonly string[];
}

/** A Pipeline of the catalog, with the tasks it needs and the runs its folder ships. */
export interface CatalogPipelineEntry {
  /** The pipeline; it must carry catalog metadata (see `catalogObjectMetadata`). */
  readonly pipeline: Pipeline;
  /** Its catalog metadata (version, categories, …), the same as rendered on the Pipeline. */
  readonly catalog: CatalogMetadata;
  /** The catalog tasks it runs, for the README's install section. */
  readonly tasks: readonly CatalogTask[];
  /** Ready-to-copy runs for `samples/`, by file name without `.yaml`; the first one is the README's usage example. */
  readonly samples: Readonly<Record<string, TektonObject>>;
  /** The run catalog CI applies (`tests/run.yaml`). */
  readonly testRun: TektonObject;
  /**
   * More files for `tests/` by file name.
   * @default - `tests/` holds only `run.yaml`
   */
  readonly testFiles?: Readonly<Record<string, string>>;
  /**
   * Extra README paragraphs shown before the usage example.
   * @default - the README goes straight from the description to the usage example
   */
  readonly notes?: readonly string[];
}

/**
 * One resource of the catalog registry: its folder name (also the id of the chart it is built in) and how to build
 * its entry. `src/patterns/catalog-contents.ts` lists every task and pipeline the catalog ships in one registry.
 */
export type CatalogRegistration =
  | { readonly kind: 'task'; readonly name: string; readonly build: (chart: Chart) => CatalogTaskEntry }
  | { readonly kind: 'pipeline'; readonly name: string; readonly build: (chart: Chart) => CatalogPipelineEntry };

/** Everything `npm run catalog` writes. */
export interface CatalogContents {
  readonly tasks: readonly CatalogTaskEntry[];
  readonly pipelines: readonly CatalogPipelineEntry[];
}
