/**
 * The feature flags lint judges under: Tekton's `feature-flags` ConfigMap (and `config-defaults`, whose
 * matrix and forbidden-env keys matter too) as YAML, and the `enable-api-fields` shorthand.
 */
import { parseAllDocuments } from 'yaml';

import { LintInputError } from './errors.js';

/** The `enable-api-fields` levels. */
export const API_FIELD_LEVELS = ['alpha', 'beta', 'stable'] as const;

/**
 * Reads the `data` of every ConfigMap in `text` (a `feature-flags` and a `config-defaults` ConfigMap may
 * share one file), later documents winning. `file` names the input in errors.
 */
export function parseFeatureFlags(text: string, file: string): Record<string, string> {
  const data: Record<string, string> = {};
  let found = 0;
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new LintInputError(`the feature-flags file is not valid YAML (${file}); pass Tekton's feature-flags ConfigMap`, 'LINT_FLAGS');
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const object = value as { kind?: unknown; data?: unknown };
    if (object.kind !== 'ConfigMap' || (object.data !== undefined && (typeof object.data !== 'object' || object.data === null))) {
      throw new LintInputError(`the feature-flags file holds something other than a ConfigMap (${file}); pass Tekton's feature-flags ConfigMap (kind: ConfigMap, data: {...})`, 'LINT_FLAGS');
    }
    found += 1;
    for (const [key, v] of Object.entries((object.data ?? {}) as Record<string, unknown>)) data[key] = String(v);
  }
  if (found === 0) throw new LintInputError(`the feature-flags file is empty (${file}); pass Tekton's feature-flags ConfigMap`, 'LINT_FLAGS');
  return data;
}

/** Checks an `--enable-api-fields` value. */
export function apiFieldsLevel(value: string): (typeof API_FIELD_LEVELS)[number] {
  if ((API_FIELD_LEVELS as readonly string[]).includes(value)) return value as (typeof API_FIELD_LEVELS)[number];
  throw new LintInputError(`unknown enable-api-fields level "${value}" (--enable-api-fields); use alpha, beta or stable`, 'LINT_FLAGS');
}
