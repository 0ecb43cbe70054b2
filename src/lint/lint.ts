/**
 * The lint engine: every Tekton object of the given sources validated as synth validates signet's own,
 * references resolved across all sources (as `kubectl apply -f` of them all would find them), v1beta1
 * converted first, each finding located at the line and column of its field.
 */
import { validateTektonObject, type ValidationContext, type ValidationIssue, ValidationMemo } from '../tekton/validation/index.js';
import { type LintDocument, locate, parseSource, type Position } from './documents.js';
import type { LintSource } from './sources.js';
import { convertV1beta1, CONVERTED_KINDS } from './v1beta1.js';

/** The kinds lint validates (other objects are skipped and counted). */
const VALIDATED_KINDS: ReadonlySet<string> = new Set(['Task', 'Pipeline', 'PipelineRun', 'TaskRun', 'StepAction']);

/** Options of {@link lintSources}. */
export interface LintOptions {
  /**
   * `feature-flags` (and `config-defaults`) ConfigMap data the objects are judged under.
   * @default - Tekton v1.15's defaults
   */
  readonly featureFlags?: Readonly<Record<string, string>>;
}

/** One finding, located in its source. */
export interface LintFinding extends Position {
  /** The source's name (a path, or `<stdin>`). */
  readonly file: string;
  /** The object, `Kind/name` (`Kind/(generateName)` for generated names). */
  readonly object: string;
  /** The validator's issue (a suppressed one carries `suppressed`). */
  readonly issue: ValidationIssue;
}

/** What a lint run found. */
export interface LintResult {
  /** Every finding, in source order (file, object, then the validator's order). */
  readonly findings: readonly LintFinding[];
  /** Number of sources read. */
  readonly files: number;
  /** Number of Tekton objects validated. */
  readonly validated: number;
  /** Number of objects skipped (not Tekton, or a Tekton kind lint does not validate), by `apiVersion/kind`. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Errors that are not suppressed. */
  readonly errors: number;
  /** Warnings that are not suppressed. */
  readonly warnings: number;
  /** Suppressed findings. */
  readonly suppressed: number;
}

type Obj = Record<string, unknown>;

/** A Tekton object to validate: its source document and the v1 manifest judged. */
interface Candidate {
  readonly doc: LintDocument;
  readonly manifest: Obj;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly before: ValidationIssue[];
}

/** Parses and validates every object of `sources` (parse errors throw a LintInputError). */
export function lintSources(sources: readonly LintSource[], options: LintOptions = {}): LintResult {
  const skipped: Record<string, number> = {};
  const candidates: Candidate[] = [];
  for (const doc of sources.flatMap(parseSource)) {
    const candidate = candidateOf(doc);
    if (candidate === undefined) {
      const key = skipKey(doc.value);
      skipped[key] = (skipped[key] ?? 0) + 1;
    } else {
      candidates.push(candidate);
    }
  }
  const index = indexByName(candidates);
  const memo = new ValidationMemo();
  const findings: LintFinding[] = [];
  for (const c of candidates) {
    const find = (kind: string) => (name: string) => pick(index.get(`${kind}/${name}`), c.namespace)?.manifest;
    const context: ValidationContext = {
      findTask: find('Task'),
      findPipeline: find('Pipeline'),
      findStepAction: find('StepAction'),
      memo,
      ...(options.featureFlags ? { featureFlags: options.featureFlags } : {}),
    };
    for (const issue of [...c.before, ...validateTektonObject(c.manifest, context)]) {
      findings.push({ file: c.doc.source.file, ...locate(c.doc, issue.path), object: `${c.kind}/${c.name}`, issue });
    }
  }
  return { findings, files: sources.length, validated: candidates.length, skipped, ...counts(findings) };
}

function candidateOf(doc: LintDocument): Candidate | undefined {
  const value = doc.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Obj;
  const apiVersion = typeof m.apiVersion === 'string' ? m.apiVersion : '';
  const kind = typeof m.kind === 'string' ? m.kind : '';
  if (!apiVersion.startsWith('tekton.dev/') || !VALIDATED_KINDS.has(kind)) return undefined;
  const meta = typeof m.metadata === 'object' && m.metadata !== null ? (m.metadata as Obj) : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}(generated)` : '(no name)';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  if (apiVersion === 'tekton.dev/v1beta1' && CONVERTED_KINDS.has(kind)) {
    const { manifest, issues } = convertV1beta1(m);
    return { doc, manifest, kind, name, namespace, before: issues };
  }
  return { doc, manifest: m, kind, name, namespace, before: [] };
}

function skipKey(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '(not an object)';
  const m = value as Obj;
  return `${typeof m.apiVersion === 'string' ? m.apiVersion : '(no apiVersion)'}/${typeof m.kind === 'string' ? m.kind : '(no kind)'}`;
}

/** Objects by `Kind/name`, in source order (kubectl apply keeps the last of the same name and namespace). */
function indexByName(candidates: readonly Candidate[]): Map<string, Candidate[]> {
  const index = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.kind}/${c.name}`;
    const list = index.get(key) ?? [];
    list.push(c);
    index.set(key, list);
  }
  return index;
}

/** The object a reference from `namespace` finds: the last one in the same namespace, else the last of that name. */
function pick(list: readonly Candidate[] | undefined, namespace: string | undefined): Candidate | undefined {
  if (list === undefined) return undefined;
  const same = list.filter((c) => c.namespace === namespace);
  return same[same.length - 1] ?? list[list.length - 1];
}

function counts(findings: readonly LintFinding[]): { errors: number; warnings: number; suppressed: number } {
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const f of findings) {
    if (f.issue.suppressed) suppressed += 1;
    else if (f.issue.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings, suppressed };
}

/** The exit code for a result: 1 when there are errors (or, with `strict`, warnings), else 0. Suppressed never count. */
export function lintExitCode(result: LintResult, strict = false): 0 | 1 {
  return result.errors > 0 || (strict && result.warnings > 0) ? 1 : 0;
}
