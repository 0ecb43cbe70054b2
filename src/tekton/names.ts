import { DNS_LABEL_MAX_LENGTH, isDnsLabel, isDnsSubdomain } from '../shared/kubernetes-names.js';

/**
 * Name rules of Tekton and Kubernetes, as predicates. The validator's rules (and the constructs, through them)
 * word what is wrong.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and src/tekton/validation/rules.ts
 *   (rules META-1, NAME-PT, NAME-STEP, P-5, RES-1)
 */

/** The longest name Tekton accepts for its objects, pipeline tasks and steps (the label-value limit). */
export const MAX_NAME_LENGTH = DNS_LABEL_MAX_LENGTH;

const PARAM_NAME = /^[_a-zA-Z][_a-zA-Z0-9.-]*$/;
const OBJECT_PARAM_NAME = /^[_a-zA-Z][_a-zA-Z0-9-]*$/;
const RESULT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** DNS-1123 labels of at most 63 characters name pipeline tasks, steps and workspaces. */
export { isDnsLabel };

/** True when `name` is a DNS-1123 subdomain of at most 63 characters (Tekton object names, META-1). */
export function isObjectName(name: string): boolean {
  return isDnsSubdomain(name, MAX_NAME_LENGTH);
}

/** True when `name` is a valid string or array param name (P-5). */
export function isParamName(name: string): boolean {
  return PARAM_NAME.test(name);
}

/** True when `name` is a valid object param name or object key: no dots (P-5). */
export function isObjectParamName(name: string): boolean {
  return OBJECT_PARAM_NAME.test(name);
}

/** True when `name` is a valid Task, step or pipeline result name (RES-1). */
export function isResultName(name: string): boolean {
  return RESULT_NAME.test(name);
}

/**
 * Derives a stable DNS-1123 label from a construct id: `BuildAndSign` → `build-and-sign`, `cosign_sign` → `cosign-sign`.
 *
 * No hash is appended (unlike cdk8s generated names), so the name stays the same when the construct moves
 * in the tree; other objects refer to it by this name.
 */
export function toDnsLabel(id: string): string {
  // most ids already are labels (the replacements below would leave them as they are)
  if (isDnsLabel(id) && !id.includes('--')) return id;
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
