/**
 * Lint output: `text` (one line per finding, compiler style, then a summary), `json` (the result as
 * data) and `sarif` (SARIF 2.1.0, for code-scanning UIs; suppressed findings carry `suppressions`).
 */
import { formatIssue } from '../tekton/validation/index.js';
import type { LintFinding, LintResult } from './lint.js';

/** The output formats. */
export const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
/** One of {@link LINT_FORMATS}. */
export type LintFormat = (typeof LINT_FORMATS)[number];

/** The output for a result, ending with a newline. */
export function formatLintResult(result: LintResult, format: LintFormat, version: string): string {
  if (format === 'json') return `${JSON.stringify(lintJson(result), null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(lintSarif(result, version), null, 2)}\n`;
  return lintText(result);
}

/** `file:line:column: severity Kind/name [RULE] path: message; fix` per finding, then one summary line. */
export function lintText(result: LintResult): string {
  const lines = result.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${label(f)} ${f.object} ${formatIssue(f.issue)}`);
  lines.push(summary(result));
  return `${lines.join('\n')}\n`;
}

function label(f: LintFinding): string {
  return f.issue.suppressed ? 'suppressed' : f.issue.severity;
}

/** The summary line: counts of files, objects, skipped documents and findings. */
export function summary(result: LintResult): string {
  const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(result.files, 'file')}, ${plural(result.validated, 'Tekton object')} validated, ${skipped} other document${skipped === 1 ? '' : 's'} skipped: ` +
    `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}, ${result.suppressed} suppressed`
  );
}

/** The JSON output (stable field order). */
export function lintJson(result: LintResult): unknown {
  return {
    files: result.files,
    validated: result.validated,
    skipped: result.skipped,
    errors: result.errors,
    warnings: result.warnings,
    suppressed: result.suppressed,
    findings: result.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      object: f.object,
      ruleId: f.issue.ruleId,
      severity: f.issue.severity,
      path: f.issue.path,
      message: f.issue.message,
      fix: f.issue.fix,
      ...(f.issue.value !== undefined ? { value: f.issue.value } : {}),
      ...(f.issue.suppressed ? { suppressed: f.issue.suppressed } : {}),
    })),
  };
}

/** The SARIF 2.1.0 log: one run, a rule per rule id found, a result per finding. */
export function lintSarif(result: LintResult, version: string): unknown {
  const ruleIds = [...new Set(result.findings.map((f) => f.issue.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'signet lint',
            version,
            rules: ruleIds.map((id) => rule(id, result.findings.find((f) => f.issue.ruleId === id) as LintFinding)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => ({
          ruleId: f.issue.ruleId,
          ruleIndex: ruleIndex.get(f.issue.ruleId),
          level: f.issue.suppressed ? f.issue.suppressed.severity : f.issue.severity,
          message: { text: `${f.object} ${f.issue.path}: ${f.issue.message}; ${f.issue.fix}` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: fileUri(f.file) }, region: { startLine: f.line, startColumn: f.column } },
              logicalLocations: [{ name: f.issue.path === '' ? f.object : f.issue.path, fullyQualifiedName: `${f.object}/${f.issue.path}`, kind: 'object' }],
            },
          ],
          ...(f.issue.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.issue.suppressed.reason }] } : {}),
        })),
      },
    ],
  };
}

/** A SARIF rule: its id, and as descriptions the first finding's message and fix (the rules carry no prose of their own). */
function rule(id: string, first: LintFinding): unknown {
  return { id, name: id.replace(/-/g, ''), shortDescription: { text: `${id}: ${first.issue.message}` }, help: { text: first.issue.fix } };
}

/** A relative URI reference for a reported file name (forward slashes, percent-encoded). */
function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}
