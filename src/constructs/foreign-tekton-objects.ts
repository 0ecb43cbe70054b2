/**
 * Tekton objects that reach a chart other than through signet's constructs: cdk8s `Include` of a YAML
 * file, or a raw `ApiObject` with a tekton.dev apiVersion. They are validated at synth like signet's own
 * (v1beta1 converted first, references resolved against every Tekton object of the app), so a Task with
 * duplicate step names does not slip through because it came in as YAML.
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';

import { convertV1beta1, CONVERTED_KINDS } from '../lint/v1beta1.js';
import { formatIssue, validateTektonObject, type ValidationContext, type ValidationIssue, ValidationMemo } from '../tekton/validation/index.js';

/** One issue of a foreign Tekton object, located by construct path. */
export interface ForeignTektonIssue extends ValidationIssue {
  /** The construct path of the `ApiObject`, e.g. `app/chart/pipeline.yaml/Task.build`. */
  readonly constructPath: string;
}

/** signet's Tekton constructs carry this marker (tekton-object.ts); they validate themselves. */
const TEKTON_OBJECT_MARKER = Symbol.for('signet.TektonObject');
/** The context key of `TEKTON_FEATURE_FLAGS_CONTEXT` (tekton-object.ts; not imported, to keep imports acyclic). */
const FEATURE_FLAGS_CONTEXT = 'signet:tekton-feature-flags';
/** Roots whose foreign Tekton objects are already validated at synth. */
const WATCHED = new WeakSet<IConstruct>();

type Obj = Record<string, unknown>;

const isTektonApiVersion = (o: ApiObject): boolean => o.apiVersion.startsWith('tekton.dev/');

/** Every `ApiObject` below `scope` with a tekton.dev apiVersion that is not one of signet's constructs. */
export function foreignTektonObjects(scope: IConstruct): ApiObject[] {
  // cdk8s validates the root once per chart, so this walk runs as often: no list of the whole tree, and
  // signet's own objects (most of a tree) are passed over by their marker first.
  const found: ApiObject[] = [];
  const visit = (c: IConstruct): void => {
    if (!(TEKTON_OBJECT_MARKER in c) && ApiObject.isApiObject(c) && isTektonApiVersion(c)) found.push(c);
    for (const child of c.node.children) visit(child);
  };
  visit(scope);
  return found;
}

/**
 * Validates every foreign Tekton object below `scope` (errors and warnings, in tree order). References
 * resolve against every Tekton object of the app, signet's and foreign, preferring the same namespace.
 */
export function validateForeignTektonObjects(scope: IConstruct): ForeignTektonIssue[] {
  const foreign = foreignTektonObjects(scope);
  if (foreign.length === 0) return [];
  const all = scope.node.root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && isTektonApiVersion(c));
  const manifests = new Map<ApiObject, { manifest: Obj; before: ValidationIssue[] }>();
  for (const o of all) manifests.set(o, asV1(o.toJson() as Obj));
  const flags = scope.node.tryGetContext(FEATURE_FLAGS_CONTEXT) as ValidationContext['featureFlags'];
  const memo = new ValidationMemo();
  return foreign.flatMap((object) => {
    const own = manifests.get(object) as { manifest: Obj; before: ValidationIssue[] };
    const find = (kind: string) => (name: string): unknown => {
      const matches = all.filter((o) => o.kind === kind && o.name === name);
      const chosen = matches.find((o) => o.metadata.namespace === object.metadata.namespace) ?? matches[0];
      return chosen === undefined ? undefined : manifests.get(chosen)?.manifest;
    };
    const context: ValidationContext = { findTask: find('Task'), findPipeline: find('Pipeline'), findStepAction: find('StepAction'), memo, ...(flags ? { featureFlags: flags } : {}) };
    return [...own.before, ...validateTektonObject(own.manifest, context)].map((issue) => ({ ...issue, constructPath: object.node.path }));
  });
}

/**
 * Makes synth fail on errors of foreign Tekton objects below the root of `scope`: adds one validation to
 * the root (once per root) that reports them with their construct paths. signet's Tekton constructs call
 * it, so any app using one gets it; call it on an app without them, or use the cdk8s validation plugin.
 */
export function watchForeignTektonObjects(scope: IConstruct): void {
  const root = scope.node.root;
  if (WATCHED.has(root)) return;
  WATCHED.add(root);
  root.node.addValidation({
    validate: () =>
      validateForeignTektonObjects(root)
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.constructPath}: ${formatIssue(i)}`),
  });
}

function asV1(manifest: Obj): { manifest: Obj; before: ValidationIssue[] } {
  if (manifest.apiVersion === 'tekton.dev/v1beta1' && CONVERTED_KINDS.has(String(manifest.kind))) {
    const { manifest: converted, issues } = convertV1beta1(manifest);
    return { manifest: converted, before: issues };
  }
  return { manifest, before: [] };
}
