/**
 * What Tekton and then Kubernetes do to a Task step before its container starts, for the parts the signer
 * Tasks use: Tekton replaces `$(params.X)` (with defaults applied), `$(results.X.path)` and
 * `$(workspaces.X.path|bound)`, expanding a whole-element `$(params.X[*])` into several args; Kubernetes then
 * expands `$(VAR)` of the container's own env in command and args (`$$` escapes). Anything else left over is an
 * error here, so a Task that needs more substitution than this fails loudly instead of running half-resolved.
 *
 * @see tekton-api.md (variable substitution), Kubernetes "Define a command and arguments for a container"
 */

/** The default results directory Tekton mounts into every step. */
export const TEKTON_RESULTS_DIR = '/tekton/results';

/** A step as it appears in a Task manifest. */
export interface ManifestStep {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: ReadonlyArray<{ readonly name: string; readonly value?: string }>;
  readonly volumeMounts?: ReadonlyArray<{ readonly name: string; readonly mountPath: string; readonly readOnly?: boolean }>;
  readonly securityContext?: Record<string, unknown>;
}

/** A Task manifest, as much of it as substitution needs. */
export interface TaskManifest {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly params?: ReadonlyArray<{ readonly name: string; readonly type?: string; readonly default?: string | string[] }>;
    readonly results?: ReadonlyArray<{ readonly name: string }>;
    readonly workspaces?: ReadonlyArray<{ readonly name: string; readonly optional?: boolean; readonly mountPath?: string }>;
    readonly steps: readonly ManifestStep[];
    readonly volumes?: ReadonlyArray<Record<string, unknown> & { readonly name: string }>;
  };
}

/** What the TaskRun supplies. */
export interface RunInputs {
  /** Param values; missing ones take the Task's default. */
  readonly params?: Readonly<Record<string, string | readonly string[]>>;
  /** Bound workspaces: name → mount path. Unbound optional ones resolve to '' (path) and 'false' (bound). */
  readonly workspaces?: Readonly<Record<string, string>>;
  /** Where results go. @default TEKTON_RESULTS_DIR */
  readonly resultsDir?: string;
}

/** A step after substitution: the exact argv and env the container gets. */
export interface ResolvedStep {
  readonly name: string;
  readonly image: string;
  readonly command: string[];
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly volumeMounts: NonNullable<ManifestStep['volumeMounts']>;
  readonly securityContext: Record<string, unknown>;
}

const EXPR = /\$\(([^()]*)\)/g;

/** Resolves step `stepName` of `task` for a run with `inputs`. */
export function resolveStep(task: TaskManifest, stepName: string, inputs: RunInputs = {}): ResolvedStep {
  const step = task.spec.steps.find((s) => s.name === stepName);
  if (!step) throw new Error(`task ${task.metadata.name} has no step '${stepName}'`);
  const params = new Map<string, string | readonly string[]>();
  for (const p of task.spec.params ?? []) {
    const value = inputs.params?.[p.name] ?? p.default;
    if (value === undefined) throw new Error(`task ${task.metadata.name}: param '${p.name}' has no value and no default`);
    params.set(p.name, value);
  }
  for (const name of Object.keys(inputs.params ?? {})) {
    if (!params.has(name)) throw new Error(`task ${task.metadata.name} declares no param '${name}'`);
  }
  const results = new Set((task.spec.results ?? []).map((r) => r.name));
  const workspaces = new Map((task.spec.workspaces ?? []).map((w) => [w.name, w]));
  const resultsDir = inputs.resultsDir ?? TEKTON_RESULTS_DIR;

  const scalar = (expr: string): string => {
    const param = /^params(?:\.([A-Za-z0-9_.-]+)|\[['"]([^'"]+)['"]\])$/.exec(expr);
    if (param) {
      const value = params.get(param[1] ?? param[2]!);
      if (value === undefined) throw new Error(`unknown param in $(${expr})`);
      if (typeof value !== 'string') throw new Error(`array param used as a string in $(${expr})`);
      return value;
    }
    const result = /^results\.([A-Za-z0-9_-]+)\.path$/.exec(expr);
    if (result) {
      if (!results.has(result[1]!)) throw new Error(`unknown result in $(${expr})`);
      return `${resultsDir}/${result[1]}`;
    }
    const ws = /^workspaces\.([a-z0-9-]+)\.(path|bound)$/.exec(expr);
    if (ws) {
      const decl = workspaces.get(ws[1]!);
      if (!decl) throw new Error(`unknown workspace in $(${expr})`);
      const bound = inputs.workspaces?.[ws[1]!];
      if (bound === undefined && !decl.optional) throw new Error(`workspace '${ws[1]}' is required but not bound`);
      if (ws[2] === 'bound') return bound === undefined ? 'false' : 'true';
      return bound ?? '';
    }
    throw new Error(`unsupported Tekton variable $(${expr})`);
  };
  const tekton = (text: string): string => text.replace(EXPR, (whole, expr: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr) ? whole : scalar(expr)));
  const tektonArgs = (items: readonly string[]): string[] =>
    items.flatMap((item) => {
      const whole = /^\$\(params\.([A-Za-z0-9_.-]+)\[\*\]\)$/.exec(item);
      if (whole) {
        const value = params.get(whole[1]!);
        if (!Array.isArray(value)) throw new Error(`$(params.${whole[1]}[*]) needs an array param`);
        return [...(value as readonly string[])];
      }
      return [tekton(item)];
    });

  const env: Record<string, string> = {};
  for (const e of step.env ?? []) env[e.name] = kubeExpand(tekton(e.value ?? ''), env);
  return {
    name: step.name,
    image: step.image,
    command: tektonArgs(step.command ?? []).map((a) => kubeExpand(a, env)),
    args: tektonArgs(step.args ?? []).map((a) => kubeExpand(a, env)),
    env,
    volumeMounts: step.volumeMounts ?? [],
    securityContext: step.securityContext ?? {},
  };
}

/** Kubernetes' `$(VAR)` expansion: known variables are replaced, unknown ones kept, `$$` becomes `$`. */
export function kubeExpand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    return Object.hasOwn(env, name) ? env[name]! : whole;
  });
}
