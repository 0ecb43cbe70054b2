/**
 * Validates generated manifests against the official CRD schemas kept in `../shared/k8s-crds/`
 * (reference data next to the repository, not part of it).
 *
 * The upstream schemas never say `additionalProperties: false`, so a plain validator would accept
 * typos. Here every object node that declares `properties` and neither `additionalProperties` nor
 * `x-kubernetes-preserve-unknown-fields` is closed, which makes unknown fields errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder holding the CRD copies; absent on machines without the shared reference data. */
export const SHARED_CRDS_DIR = resolve(REPO_ROOT, '..', 'shared', 'k8s-crds');

/** True when the shared CRD schemas are available; tests should `describe.skipIf(!k8sSchemasAvailable)`. */
export const k8sSchemasAvailable = existsSync(SHARED_CRDS_DIR);

/** Why schema tests are skipped, for `it.skip` messages and logs. */
export const K8S_SCHEMAS_SKIP_REASON = `CRD schemas not found at ${SHARED_CRDS_DIR}: schema validation skipped`;

/** `apiVersion/kind` → schema file under `SHARED_CRDS_DIR`. */
const SCHEMA_FILES: Readonly<Record<string, string>> = {
  'policies.kyverno.io/v1/ImageValidatingPolicy': 'kyverno/json/imagevalidatingpolicy.v1.openapiv3.json',
  'kyverno.io/v1/ClusterPolicy': 'kyverno/json/clusterpolicy.v1.openapiv3.json',
  'kyverno.io/v1/Policy': 'kyverno/json/policy.v1.openapiv3.json',
  'policy.sigstore.dev/v1beta1/ClusterImagePolicy': 'policy-controller/json/clusterimagepolicy.v1beta1.openapiv3.json',
  'policy.sigstore.dev/v1alpha1/ClusterImagePolicy': 'policy-controller/json/clusterimagepolicy.v1alpha1.openapiv3.json',
  'external-secrets.io/v1/ExternalSecret': 'external-secrets/json/externalsecret.v1.openapiv3.json',
  'bitnami.com/v1alpha1/SealedSecret': 'sealed-secrets/json/sealedsecret.v1alpha1.openapiv3.json',
};

/** The `apiVersion/kind` pairs {@link validateK8sObject} knows a schema for. */
export const VALIDATED_KINDS: readonly string[] = Object.keys(SCHEMA_FILES);

const TYPE_AND_OBJECT_META = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { type: 'object' },
};

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();
let warnedMissing = false;

/**
 * Validates one manifest against its official schema with unknown fields treated as errors.
 *
 * @returns one line per problem (`<json pointer> <message>`); empty when valid. A kind without a
 *   schema is reported as a problem rather than silently passing. Without `../shared` the check is
 *   skipped: it returns no problems and warns once, so the other assertions of a test still run.
 */
export function validateK8sObject(manifest: unknown): string[] {
  if (!isObject(manifest)) return ['manifest is not an object'];
  const gvk = `${String(manifest.apiVersion)}/${String(manifest.kind)}`;
  const file = SCHEMA_FILES[gvk];
  if (file === undefined) return [`no schema known for ${gvk}`];
  if (!k8sSchemasAvailable) {
    if (!warnedMissing) console.warn(K8S_SCHEMAS_SKIP_REASON);
    warnedMissing = true;
    return [];
  }
  let validate = compiled.get(file);
  if (validate === undefined) {
    const schema = JSON.parse(readFileSync(join(SHARED_CRDS_DIR, file), 'utf8')) as Record<string, any>;
    // some CRD schemas (policy-controller) omit the fields every object has; allow them before closing.
    schema.properties = { ...TYPE_AND_OBJECT_META, ...schema.properties };
    validate = ajv.compile(closeObjects(schema) as object);
    compiled.set(file, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params.additionalProperty)}'` : '';
    return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
  });
}

/** Returns a copy of `schema` with `additionalProperties: false` on every closed-able object node. */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas: recurse into each value, never treat the map as a schema.
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]))
        : closeObjects(value);
  }
  if (
    isObject(schema.properties) &&
    !('additionalProperties' in schema) &&
    schema['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
