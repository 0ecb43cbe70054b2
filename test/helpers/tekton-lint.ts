/**
 * Runs the independent linter `@ibm/tekton-lint` (devDependency) over YAML files, offline.
 *
 * tekton-lint is driven through its library modules rather than its CLI so that:
 * - no config file or cache directory is read or written (`Config` would create `~/.tekton-lint`) and
 *   `external-tasks` stay empty: fetching them would `git clone` from GitHub, which is unreachable;
 * - each rule runs on its own, so a rule that throws on a v1 shape it predates (e.g. a result
 *   reference to an inline task without results) is reported as a warning naming the rule instead of
 *   aborting the whole lint run with no output.
 *
 * Rule levels mirror tekton-lint's defaults except where a rule predates Tekton v1 (see RULE_LEVELS),
 * and two kinds of known false errors on valid v1 input are reported as warnings (see reclassify).
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
// tekton-lint has no "exports" map, so its modules are importable directly; they ship .d.ts files.
import defaultRuleConfig from '@ibm/tekton-lint/dist/default-rule-config.js';
import Reporter from '@ibm/tekton-lint/dist/reporter.js';
import { lint } from '@ibm/tekton-lint/dist/rules.js';

/** One problem tekton-lint reported. */
export interface LintProblem {
  /** tekton-lint's rule name, e.g. `no-missing-param`. */
  readonly rule: string;
  readonly level: 'error' | 'warning';
  readonly message: string;
  /** The file. @default - none, for a rule that crashed */
  readonly file?: string;
  /** The 1-based line, when tekton-lint could locate the node. @default - unknown */
  readonly line?: number;
}

/** Problems split by level. */
export interface LintResult {
  readonly errors: LintProblem[];
  readonly warnings: LintProblem[];
}

type Level = 'error' | 'warning' | 'off';

/**
 * Levels per rule: tekton-lint's defaults, adjusted for Tekton v1 where a rule predates it.
 * Every change is a downgrade with a reason; no error rule is switched off.
 */
export const RULE_LEVELS: Readonly<Record<string, Level>> = {
  ...(defaultRuleConfig as { rules: Record<string, Level> }).rules,
  // Only about migrating v1alpha1 to v1beta1 (spec.inputs.params); it has nothing to say on v1.
  'prefer-beta': 'off',
  // Written before object params existed: it calls every v1 object param or default a "wrong type".
  // Our own validator checks param shapes (P-1 to P-3), so a hit here is informational.
  'no-invalid-param-type': 'warning',
};

interface Doc {
  content: unknown;
  doc: unknown;
  path: string;
  raw: string;
  no_report: boolean;
}

async function readDocs(files: readonly string[]): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const path of files) {
    const raw = await readFile(path, 'utf8');
    for (const doc of parseAllDocuments(raw)) {
      if ('errors' in doc && doc.errors.length > 0) throw new Error(`${path}: invalid YAML: ${doc.errors[0]?.message ?? ''}`);
      docs.push({ content: doc.toJSON(), doc, path, raw, no_report: false });
    }
  }
  return docs;
}

interface RawProblem {
  message: string;
  rule: string;
  level: 'error' | 'warning';
  path?: string;
  loc?: { startLine?: number };
}

/** A Pipeline task that uses a resolver has no local Task; tekton-lint names it 'undefined'. */
const REMOTE_TASK = /references (cluster )?task 'undefined'/;
/**
 * tekton-lint reads `$(params.obj.key)`, `$(params.arr[0])` and `$(params['a.b'])` as params named
 * `obj.key`, `arr[0]`, `'a.b'`: v1 syntax it predates. Our validator checks those (T-4 to T-7).
 */
const V1_PARAM_SYNTAX = /^Undefined param '[^']*[.[']/;

/** Downgrades the known false errors above to warnings, saying why. */
function reclassify(p: RawProblem): { level: 'error' | 'warning'; message: string } {
  if (p.rule === 'no-missing-resource' && REMOTE_TASK.test(p.message)) {
    return { level: 'warning', message: `${p.message} (the task is remote: resolved by a resolver, not checkable offline)` };
  }
  if (p.rule === 'no-undefined-param' && V1_PARAM_SYNTAX.test(p.message)) {
    return { level: 'warning', message: `${p.message} (v1 object-key, index or bracket syntax, which tekton-lint does not parse)` };
  }
  return { level: p.level, message: p.message };
}

/**
 * Lints the given YAML files together (so Pipelines see the Tasks they reference) and returns the
 * problems, errors and warnings apart. Throws when a file is not valid YAML.
 */
export async function lintTektonYaml(files: string[]): Promise<LintResult> {
  const docs = await readDocs(files);
  const reporter = new Reporter(docs as never);
  const crashes: LintProblem[] = [];
  for (const [rule, level] of Object.entries(RULE_LEVELS)) {
    if (level === 'off') continue;
    const only = Object.fromEntries(Object.keys(RULE_LEVELS).map((r) => [r, r === rule ? level : 'off']));
    try {
      await lint(docs.map((d) => d.content) as never, reporter, { rules: only, 'external-tasks': [] } as never);
    } catch (e) {
      // tekton-lint only sees objects with metadata.name; a file of generateName runs has none.
      if (e instanceof Error && /No tekton definitions/.test(e.message)) {
        return { errors: [], warnings: [{ rule: 'tekton-lint', level: 'warning', message: `no named Tekton objects to lint in ${files.join(', ')}` }] };
      }
      crashes.push({ rule, level: 'warning', message: `tekton-lint rule crashed and was skipped: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const problems: LintProblem[] = (reporter.problems as RawProblem[]).map((p) => {
    const { level, message } = reclassify(p);
    return {
      rule: p.rule,
      level,
      message,
      ...(p.path === undefined ? {} : { file: p.path }),
      ...(p.loc?.startLine === undefined ? {} : { line: p.loc.startLine }),
    };
  });
  const all = [...problems, ...crashes];
  return { errors: all.filter((p) => p.level === 'error'), warnings: all.filter((p) => p.level === 'warning') };
}

/** One line per problem, for assertion messages. */
export function formatLintProblems(problems: readonly LintProblem[]): string {
  return problems.map((p) => `${p.file ?? ''}${p.line === undefined ? '' : `:${p.line}`} ${p.level} ${p.rule}: ${p.message}`).join('\n');
}
