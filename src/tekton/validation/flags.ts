/**
 * Feature flags that change what Tekton admits, resolved from `ValidationContext.featureFlags` over
 * Tekton v1.15's defaults (`config-feature-flags` and `config-defaults`).
 */
import { str, type Obj } from './_model.js';

/** The feature flags, resolved. */
export interface ResolvedFlags {
  /** `enable-api-fields`: which stability level of fields is accepted. */
  readonly apiFields: 'alpha' | 'beta' | 'stable';
  /** `enable-param-enum` (alpha). */
  readonly paramEnum: boolean;
  /** `enable-cel-in-whenexpression` (alpha). */
  readonly celInWhen: boolean;
  /** `enable-artifacts` (alpha). */
  readonly artifacts: boolean;
  /** `enable-concise-resolver-syntax` (alpha). */
  readonly conciseResolverSyntax: boolean;
  /** `enable-kubernetes-sidecar` (native sidecars, K8s >= 1.29). */
  readonly kubernetesSidecar: boolean;
  /** `disable-inline-spec`: the kinds (`pipeline`, `pipelinerun`, `taskrun`) where inline specs are refused. */
  readonly disableInlineSpec: ReadonlySet<string>;
  /** `default-max-matrix-combinations-count` from config-defaults. */
  readonly maxMatrixCombinations: number;
  /** `default-forbidden-env` from config-defaults. */
  readonly forbiddenEnv: ReadonlySet<string>;
  /** `coschedule` (affinity assistant mode); `workspaces` limits a TaskRun to one PVC. */
  readonly coschedule: string;
}

/** Tekton's default matrix fan-out limit (`default-max-matrix-combinations-count`). */
const DEFAULT_MAX_MATRIX_COMBINATIONS = 256;

function bool(v: unknown, fallback: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.trim().toLowerCase() === 'true';
  return fallback;
}

function list(v: unknown): Set<string> {
  return new Set(
    (str(v) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** Resolves the flags over the defaults: `enable-api-fields=beta`, alpha flags off, step actions on. */
export function resolveFlags(overrides: Readonly<Record<string, string | boolean>> = {}): ResolvedFlags {
  const o: Obj = overrides;
  const api = str(o['enable-api-fields']);
  const max = Number(o['default-max-matrix-combinations-count']);
  return {
    apiFields: api === 'alpha' || api === 'stable' ? api : 'beta',
    paramEnum: bool(o['enable-param-enum'], false),
    celInWhen: bool(o['enable-cel-in-whenexpression'], false),
    artifacts: bool(o['enable-artifacts'], false),
    conciseResolverSyntax: bool(o['enable-concise-resolver-syntax'], false),
    kubernetesSidecar: bool(o['enable-kubernetes-sidecar'], false),
    disableInlineSpec: list(o['disable-inline-spec']),
    maxMatrixCombinations: Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_MATRIX_COMBINATIONS,
    forbiddenEnv: list(o['default-forbidden-env']),
    coschedule: str(o.coschedule) ?? 'workspaces',
  };
}

/** True when beta fields are accepted (`enable-api-fields` is beta or alpha). */
export const betaOn = (f: ResolvedFlags): boolean => f.apiFields !== 'stable';
/** True when alpha fields are accepted. */
export const alphaOn = (f: ResolvedFlags): boolean => f.apiFields === 'alpha';
