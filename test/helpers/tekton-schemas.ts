/**
 * Conformance against the official Tekton v1.15 CRD schemas (the `openAPIV3Schema` of each CRD in
 * `config/300-crds` of the downloaded tektoncd/pipeline module, see tekton-oracle.ts), stricter
 * than the API server in the two ways Tekton's admission webhook is:
 *
 * - unknown fields are errors everywhere (`additionalProperties: false` is injected wherever a schema
 *   lists `properties` and does not opt out with `additionalProperties` or
 *   `x-kubernetes-preserve-unknown-fields`), because the webhook decodes with unknown fields
 *   disallowed (tekton-validation.md, SCH-3);
 * - embedded specs are checked too: `taskSpec` in Pipeline tasks/finally and in TaskRuns against the
 *   Task spec schema, `pipelineSpec` in PipelineRuns (and pipeline tasks) against the Pipeline spec
 *   schema. The CRDs leave those subtrees open (tekton-schemas.md).
 *
 * Usage: `if (!sharedAvailable()) skip(...)`, then `expect(validateAgainstCrdSchema(m)).toEqual([])`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

import { tektonModuleDir } from './tekton-oracle.js';

type Schema = Record<string, unknown>;

/** The repository root (this file is `test/helpers/tekton-schemas.ts`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The CRD file and version of each kind, keyed by `apiVersion/kind` (the storage versions). */
const SCHEMA_FILES: Readonly<Record<string, readonly [file: string, version: string]>> = {
  'tekton.dev/v1/Task': ['300-task.yaml', 'v1'],
  'tekton.dev/v1/Pipeline': ['300-pipeline.yaml', 'v1'],
  'tekton.dev/v1/TaskRun': ['300-taskrun.yaml', 'v1'],
  'tekton.dev/v1/PipelineRun': ['300-pipelinerun.yaml', 'v1'],
  'tekton.dev/v1beta1/StepAction': ['300-stepaction.yaml', 'v1beta1'],
};

/** The CRD folder of the downloaded module, or undefined when Go or the module is unavailable. */
function crdDir(): string | undefined {
  try {
    return join(tektonModuleDir(), 'config', '300-crds');
  } catch {
    return undefined;
  }
}

/** Tekton kinds this helper checks; other kinds (Secret, ...) are not its business. */
export const TEKTON_KINDS: ReadonlySet<string> = new Set(['Task', 'Pipeline', 'TaskRun', 'PipelineRun', 'StepAction']);

let available: boolean | undefined;

/** True when the CRD schemas are at hand, so conformance tests can run (otherwise skip with a message). */
export function sharedAvailable(): boolean {
  if (available === undefined) {
    const dir = crdDir();
    available = dir !== undefined && Object.values(SCHEMA_FILES).every(([f]) => existsSync(join(dir, f)));
  }
  return available;
}

/** The message to skip with when `sharedAvailable()` is false. */
export const SHARED_MISSING = 'Tekton CRD schemas not found: they come from the tektoncd/pipeline module that `go mod download` fetches for test/oracles/tekton; install Go and run node scripts/ensure-go-tools.mjs';

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `openAPIV3Schema` of one version of a CRD file of the module. */
function load([file, version]: readonly [string, string]): Schema {
  const crd = parse(readFileSync(join(crdDir() as string, file), 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
  const found = crd.spec.versions.find((v) => v.name === version);
  if (!found) throw new Error(`${file} has no version ${version}`);
  return found.schema.openAPIV3Schema;
}

/** Closes every object schema that lists properties and does not opt out (see the file comment). */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (!isSchema(node)) return;
  if (isSchema(node.properties) && node.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    node.additionalProperties = false;
  }
  // Descriptions are prose, not schemas; skip them and walk everything else.
  for (const [key, value] of Object.entries(node)) if (key !== 'description') closeObjects(value);
}

/** Every `format` used by the schemas, so ajv can accept them (Kubernetes' int32, int64, date-time...). */
function formatsIn(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => formatsIn(n, out));
  else if (isSchema(node)) {
    if (typeof node.format === 'string') out.add(node.format);
    for (const v of Object.values(node)) formatsIn(v, out);
  }
  return out;
}

const props = (s: Schema): Schema => s.properties as Schema;

/** Builds the composed schemas: one per kind, embedded specs pointing at shared `$defs`. */
function buildSchemas(): Record<string, Schema> {
  const task = load(SCHEMA_FILES['tekton.dev/v1/Task']!);
  const pipeline = load(SCHEMA_FILES['tekton.dev/v1/Pipeline']!);
  const taskRun = load(SCHEMA_FILES['tekton.dev/v1/TaskRun']!);
  const pipelineRun = load(SCHEMA_FILES['tekton.dev/v1/PipelineRun']!);
  const stepAction = load(SCHEMA_FILES['tekton.dev/v1beta1/StepAction']!);
  for (const s of [task, pipeline, taskRun, pipelineRun, stepAction]) closeObjects(s);

  const taskSpec = props(task).spec as Schema;
  const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
  // An EmbeddedTask: a TaskSpec plus optional metadata, or a custom task (apiVersion, kind, raw spec).
  const embeddedTask: Schema = {
    ...taskSpec,
    properties: {
      ...props(taskSpec),
      metadata: { type: 'object', properties: { labels: stringMap, annotations: stringMap }, additionalProperties: false },
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  const pipelineSpec = props(pipeline).spec as Schema;
  for (const list of ['tasks', 'finally']) {
    const item = (props(pipelineSpec)[list] as Schema).items as Schema;
    props(item).taskSpec = { $ref: '#/$defs/embeddedTask' };
    props(item).pipelineSpec = { $ref: '#/$defs/pipelineSpec' };
  }
  const $defs = { taskSpec, embeddedTask, pipelineSpec };
  props(pipeline).spec = { $ref: '#/$defs/pipelineSpec' };
  props(props(taskRun).spec as Schema).taskSpec = { $ref: '#/$defs/taskSpec' };
  props(props(pipelineRun).spec as Schema).pipelineSpec = { $ref: '#/$defs/pipelineSpec' };
  const withDefs = (s: Schema): Schema => ({ ...s, $defs });
  return {
    'tekton.dev/v1/Task': withDefs(task),
    'tekton.dev/v1/Pipeline': withDefs(pipeline),
    'tekton.dev/v1/TaskRun': withDefs(taskRun),
    'tekton.dev/v1/PipelineRun': withDefs(pipelineRun),
    'tekton.dev/v1beta1/StepAction': stepAction,
  };
}

let state: { ajv: Ajv; schemas: Record<string, Schema>; compiled: Map<string, ValidateFunction> } | undefined;

/** The validator of one `apiVersion/kind`, compiled on first use (compiling all five takes seconds). */
function validatorFor(key: string): ValidateFunction | undefined {
  if (!state) {
    const schemas = buildSchemas();
    // strict: false tolerates the x-kubernetes-* keywords; allErrors reports every problem at once.
    const ajv = new Ajv({ strict: false, allErrors: true });
    // Kubernetes formats (int32, int64, date-time) are not what these tests are about: accept them.
    for (const format of formatsIn(Object.values(schemas), new Set())) ajv.addFormat(format, true);
    state = { ajv, schemas, compiled: new Map() };
  }
  const schema = state.schemas[key];
  if (!schema) return undefined;
  let validate = state.compiled.get(key);
  if (!validate) {
    validate = state.ajv.compile(schema);
    state.compiled.set(key, validate);
  }
  return validate;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '/' : e.instancePath;
  if (e.keyword === 'additionalProperties') return `${where}: unknown field "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') return `${where}: missing required field "${String(e.params.missingProperty)}"`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/**
 * Validates one manifest against its CRD schema. Returns the errors (empty = valid), one line each:
 * `<JSON pointer>: <problem>`. Kinds other than Tekton's yield no errors; a Tekton kind with an
 * apiVersion whose schema is not saved (e.g. `tekton.dev/v1beta1` Task) is an error.
 * Throws when the module's CRDs are unavailable; guard with `sharedAvailable()`.
 */
export function validateAgainstCrdSchema(manifest: unknown): string[] {
  if (!isSchema(manifest)) return ['/: manifest is not an object'];
  const kind = String(manifest.kind ?? '');
  if (!TEKTON_KINDS.has(kind)) return [];
  const key = `${String(manifest.apiVersion ?? '')}/${kind}`;
  const validate = validatorFor(key);
  if (!validate) return [`/apiVersion: no schema for ${key}; emit ${kind === 'StepAction' ? 'tekton.dev/v1beta1' : 'tekton.dev/v1'}`];
  if (validate(manifest)) return [];
  // ajv reports an anyOf failure once per branch plus once for the anyOf; keep each line once.
  return [...new Set((validate.errors ?? []).map(describe))];
}
