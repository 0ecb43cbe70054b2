/**
 * `signet lint` as a library: read sources, parse them, validate every Tekton object with references
 * resolved across all of them, and format the findings. The CLI command (src/signer/cli/commands/lint.ts)
 * only parses flags around these.
 */
export { LintInputError, type LintInputErrorCode } from './errors.js';
export { type LintDocument, locate, parseSource, type Position } from './documents.js';
export { API_FIELD_LEVELS, apiFieldsLevel, parseFeatureFlags } from './feature-flags.js';
export { formatLintResult, LINT_FORMATS, type LintFormat, lintJson, lintSarif, lintText, summary } from './format.js';
export { lintExitCode, type LintFinding, type LintOptions, type LintResult, lintSources } from './lint.js';
export { type LintSource, readSources, type ReadSourcesOptions } from './sources.js';
export { type Conversion, convertV1beta1, CONVERTED_KINDS } from './v1beta1.js';
