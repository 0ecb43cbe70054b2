/**
 * Tekton itself as a test oracle: test/oracles/tekton (Go, built by scripts/ensure-go-tools.mjs)
 * runs the admission webhook's strict decoding, SetDefaults and Validate from
 * github.com/tektoncd/pipeline at the version its go.mod requires. {@link tektonVerdicts} judges many
 * documents in one process, so a test pays the start-up once.
 *
 * {@link tektonModuleDir} is the downloaded tektoncd/pipeline module (examples, CRDs, e2e profiles),
 * read at test time and never copied into the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { goTool } from './go-tools.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One document to judge, with the ConfigMap data it is judged under. */
export interface OracleRequest {
  /** The document (parsed JSON of one object). */
  readonly doc: unknown;
  /** `feature-flags` ConfigMap data. @default - Tekton's defaults */
  readonly featureFlags?: Readonly<Record<string, string>>;
  /** `config-defaults` ConfigMap data. @default - Tekton's defaults */
  readonly defaults?: Readonly<Record<string, string>>;
}

/** One diagnostic of Tekton's webhook. */
export interface OracleDiagnostic {
  readonly message: string;
  readonly paths?: readonly string[];
  readonly details?: string;
}

/** What Tekton's webhook does with one document. */
export interface OracleVerdict {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** False for documents the webhook does not validate (other kinds or versions). */
  readonly judged: boolean;
  /** True when the webhook admits the document. */
  readonly accepted: boolean;
  /** Where it was refused: `decode` (strict decoding: unknown fields, wrong types), `validate`, or `panic` (Tekton's code crashed, which fails the request). */
  readonly stage: '' | 'decode' | 'validate' | 'config' | 'panic';
  readonly errors: readonly OracleDiagnostic[];
  readonly warnings: readonly OracleDiagnostic[];
}

const ORACLE_DIR = resolve(REPO_ROOT, 'test/oracles/tekton');

/** Judges every request in one run of the oracle; verdicts come back in request order. */
export function tektonVerdicts(requests: readonly OracleRequest[]): OracleVerdict[] {
  if (requests.length === 0) return [];
  const input = requests.map((r) => JSON.stringify({ id: 0, ...r })).join('\n') + '\n';
  const run = spawnSync(goTool('tekton-oracle'), ['-in', 'jsonl'], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`tekton-oracle failed (exit ${run.status}): ${run.stderr || run.error?.message}`);
  const verdicts = run.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as OracleVerdict);
  if (verdicts.length !== requests.length) throw new Error(`tekton-oracle answered ${verdicts.length} of ${requests.length} requests`);
  return verdicts;
}

/** One line per error of a verdict, for assertion messages. */
export function describeVerdict(v: OracleVerdict): string {
  if (!v.judged) return 'not judged';
  if (v.accepted) return 'accepted';
  return `rejected (${v.stage}): ${v.errors.map((e) => `${e.message}${e.paths?.length ? ` [${e.paths.join(', ')}]` : ''}`).join('; ')}`;
}

/** The tektoncd/pipeline version the oracle's go.mod requires. */
export function tektonVersion(): string {
  const mod = readFileSync(join(ORACLE_DIR, 'go.mod'), 'utf8');
  const m = /github\.com\/tektoncd\/pipeline (v\S+)/.exec(mod);
  if (!m) throw new Error('test/oracles/tekton/go.mod does not require github.com/tektoncd/pipeline');
  return m[1] as string;
}

let moduleDir: string | undefined;

/**
 * The downloaded tektoncd/pipeline module (`go env GOMODCACHE`/github.com/tektoncd/pipeline@VERSION),
 * downloaded with `go mod download` when missing (building the oracle downloads it too).
 */
export function tektonModuleDir(): string {
  if (moduleDir !== undefined) return moduleDir;
  const version = tektonVersion();
  const env = { ...process.env, GOFLAGS: '-mod=mod' };
  const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', env }).trim();
  const dir = join(cache, 'github.com', 'tektoncd', `pipeline@${version}`);
  if (!existsSync(dir)) {
    execFileSync('go', ['mod', 'download', `github.com/tektoncd/pipeline@${version}`], { cwd: ORACLE_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  moduleDir = dir;
  return dir;
}
