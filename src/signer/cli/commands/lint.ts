import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { apiFieldsLevel, formatLintResult, LINT_FORMATS, type LintFormat, LintInputError, lintExitCode, lintSources, parseFeatureFlags, readSources } from '../../../lint/index.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { SIGNET_VERSION } from '../version.js';

/**
 * `signet lint [--format F] [--feature-flags FILE | --enable-api-fields LEVEL] [--strict] PATH...|-`: validates
 * the Tekton objects in files, folders and stdin. Exit 0 clean, 1 findings, 2 usage or unreadable input (the
 * input errors of the engine become usage errors here).
 */
export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'text' },
      'feature-flags': { type: 'string' },
      'enable-api-fields': { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const format = values.format as string;
  if (!(LINT_FORMATS as readonly string[]).includes(format)) throw usageError(`unknown --format "${format}" (lint); use text, json or sarif`);
  if (positionals.length === 0) throw usageError('lint needs files or folders to check, or - for standard input; e.g. signet lint catalog/');
  try {
    const featureFlags = await flags(io, values['feature-flags'], values['enable-api-fields']);
    const readStdin = io.readStdin?.bind(io);
    const sources = await readSources(positionals, { cwd: io.cwd, ...(readStdin ? { readStdin } : {}) });
    if (sources.length === 0) throw new LintInputError(`no *.yaml, *.yml or *.json files in ${positionals.join(' ')}; pass files or folders that hold Tekton objects`);
    const result = lintSources(sources, featureFlags ? { featureFlags } : {});
    io.stdout(formatLintResult(result, format as LintFormat, SIGNET_VERSION));
    return lintExitCode(result, values.strict);
  } catch (error) {
    if (error instanceof LintInputError) throw usageError(error.message);
    throw error;
  }
}

/** The feature flags from `--feature-flags FILE`, with `--enable-api-fields` on top. */
async function flags(io: CliIo, file: string | undefined, level: string | undefined): Promise<Record<string, string> | undefined> {
  let data: Record<string, string> | undefined;
  if (file !== undefined) {
    const text = await readFile(resolve(io.cwd, file), 'utf8').catch(() => {
      throw new LintInputError(`cannot read the feature-flags file (${file}); check --feature-flags`);
    });
    data = parseFeatureFlags(text, file);
  }
  if (level !== undefined) data = { ...data, 'enable-api-fields': apiFieldsLevel(level) };
  return data;
}
