/**
 * Shared pieces of the differential tests against Tekton's webhook (test/helpers/tekton-oracle.ts):
 * the feature-flag profiles of Tekton's e2e jobs, the example files each profile runs, and signet's
 * verdict on a document restricted to the rules the webhook makes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

import { validateTektonObject, type ValidationIssue } from '../../src/tekton/validation/index.js';
import { WEBHOOK_RULE_IDS } from '../../src/tekton/validation/rules.js';
import { describeVerdict, tektonModuleDir, tektonVerdicts } from '../helpers/tekton-oracle.js';

/** A feature-flag profile of one of Tekton's e2e jobs that runs the example YAML. */
export interface E2eProfile {
  /** The env file, e.g. `e2e-tests-kind-alpha.env`. */
  readonly file: string;
  /** `enable-api-fields` (PIPELINE_FEATURE_GATE). */
  readonly gate: 'stable' | 'beta' | 'alpha';
  /** The feature-flags ConfigMap data the job patches in. */
  readonly featureFlags: Readonly<Record<string, string>>;
}

/** Env variables of the e2e jobs that become feature-flags keys (test/e2e-tests.sh patches them). */
const ENV_TO_FLAG: Readonly<Record<string, string>> = {
  PIPELINE_FEATURE_GATE: 'enable-api-fields',
  RESULTS_FROM: 'results-from',
  KEEP_POD_ON_CANCEL: 'keep-pod-on-cancel',
  ENABLE_CEL_IN_WHENEXPRESSION: 'enable-cel-in-whenexpression',
  ENABLE_PARAM_ENUM: 'enable-param-enum',
  ENABLE_ARTIFACTS: 'enable-artifacts',
  ENABLE_CONCISE_RESOLVER_SYNTAX: 'enable-concise-resolver-syntax',
  ENABLE_KUBERNETES_SIDECAR: 'enable-kubernetes-sidecar',
  ENABLE_TERMINATION_MESSAGE_COMPRESSION: 'enable-termination-message-compression',
};

/** The profiles of the e2e jobs that run the examples (`RUN_YAML_TESTS=true` in test/e2e-tests-kind-*.env). */
export function e2eProfiles(): E2eProfile[] {
  const dir = join(tektonModuleDir(), 'test');
  const out: E2eProfile[] = [];
  for (const file of readdirSync(dir).filter((f) => /^e2e-tests-kind-.*\.env$/.test(f)).sort()) {
    const env = Object.fromEntries(
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    if (env.RUN_YAML_TESTS !== 'true') continue;
    const featureFlags: Record<string, string> = {};
    for (const [key, flag] of Object.entries(ENV_TO_FLAG)) if (env[key] !== undefined) featureFlags[flag] = env[key] as string;
    out.push({ file, gate: featureFlags['enable-api-fields'] as E2eProfile['gate'], featureFlags });
  }
  return out;
}

/** The example files a profile's job applies (test/examples_test.go: no `no-ci`, path filter by gate). */
export function exampleFiles(gate: E2eProfile['gate']): string[] {
  const root = join(tektonModuleDir(), 'examples');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== 'no-ci') walk(path);
      } else if (entry.endsWith('.yaml')) {
        const rel = `/${relative(root, path)}`;
        if (gate === 'stable' && (rel.includes('/alpha/') || rel.includes('/beta/'))) continue;
        if (gate === 'beta' && rel.includes('/alpha/')) continue;
        out.push(path);
      }
    }
  };
  walk(root);
  return out;
}

/** The documents of a YAML file (JSON values, empty documents dropped). */
export function yamlDocuments(path: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .filter((d) => 'toJSON' in d)
    .map((d) => d.toJSON() as unknown)
    .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m));
}

/** Short path of an example, relative to the module's examples folder. */
export const exampleName = (path: string): string => relative(join(tektonModuleDir(), 'examples'), path);

const nameOf = (m: Record<string, unknown>): string => {
  const meta = (m.metadata ?? {}) as Record<string, unknown>;
  return String(meta.name ?? '');
};

/**
 * signet's issues on one document of a set applied together (references resolve within the set, as
 * `kubectl apply -f` of the set would find them).
 */
export function signetIssues(doc: unknown, set: readonly Record<string, unknown>[], featureFlags: Readonly<Record<string, string>> = {}): ValidationIssue[] {
  const find = (kind: string) => (name: string) => set.find((d) => d.kind === kind && nameOf(d) === name);
  return validateTektonObject(doc, { findTask: find('Task'), findPipeline: find('Pipeline'), findStepAction: find('StepAction'), featureFlags });
}

/** The errors among issues that model the admission webhook (what the oracle can judge). */
export const webhookErrors = (issues: readonly ValidationIssue[]): ValidationIssue[] =>
  issues.filter((i) => i.severity === 'error' && WEBHOOK_RULE_IDS.has(i.ruleId));

/** One example file judged under one profile by both validators. */
export interface ExampleOutcome {
  readonly profile: string;
  readonly file: string;
  /** Tekton admits every Tekton document of the file. */
  readonly tektonAccepts: boolean;
  /** Tekton's errors, one line each. */
  readonly tektonErrors: string[];
  /** signet's errors (every rule), formatted with the document. */
  readonly signetErrors: { readonly doc: string; readonly issue: ValidationIssue }[];
}

/**
 * Judges every example file of every e2e profile with Tekton (one oracle run) and signet. Only
 * documents Tekton's webhook validates count (`judged`); other kinds in the files are skipped.
 */
export function judgeExamples(): ExampleOutcome[] {
  const jobs = e2eProfiles().flatMap((profile) => exampleFiles(profile.gate).map((file) => ({ profile, file, docs: yamlDocuments(file) })));
  const requests = jobs.flatMap((j) => j.docs.map((doc) => ({ doc, featureFlags: j.profile.featureFlags })));
  const verdicts = tektonVerdicts(requests);
  let next = 0;
  return jobs.map(({ profile, file, docs }) => {
    const mine = verdicts.slice(next, next + docs.length);
    next += docs.length;
    const signetErrors = docs.flatMap((doc, i) =>
      mine[i]?.judged ? signetIssues(doc, docs, profile.featureFlags).filter((x) => x.severity === 'error').map((issue) => ({ doc: `${String(doc.kind)}/${nameOf(doc)}`, issue })) : [],
    );
    return {
      profile: profile.gate,
      file: exampleName(file),
      tektonAccepts: mine.every((v) => !v.judged || v.accepted),
      tektonErrors: mine.filter((v) => v.judged && !v.accepted).map((v) => `${v.kind}/${v.name}: ${describeVerdict(v)}`),
      signetErrors,
    };
  });
}

/** `config-defaults` keys among signet's featureFlags overrides; the rest are `feature-flags` keys. */
const DEFAULTS_KEYS: ReadonlySet<string> = new Set(['default-max-matrix-combinations-count', 'default-forbidden-env']);

/** The oracle's ConfigMap data for signet's `ValidationContext.featureFlags`. */
export function oracleConfig(overrides: Readonly<Record<string, string | boolean>> = {}): { featureFlags: Record<string, string>; defaults: Record<string, string> } {
  const featureFlags: Record<string, string> = {};
  const defaults: Record<string, string> = {};
  for (const [key, value] of Object.entries(overrides)) (DEFAULTS_KEYS.has(key) ? defaults : featureFlags)[key] = String(value);
  return { featureFlags, defaults };
}
