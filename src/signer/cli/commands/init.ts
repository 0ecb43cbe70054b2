import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { MANIFESTS_DIR, projectName, scaffoldFiles } from '../../../init/index.js';
import { CliError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { SIGNET_VERSION } from '../version.js';

/**
 * `signet init [DIR] [--signet-spec SPEC] [--name NAME]`: writes a ready GitOps repository for signet pipelines
 * into DIR (default: the current folder). Refuses before writing anything when one of its files exists.
 */
export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'signet-spec': { type: 'string' }, name: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 1) throw usageError(`init takes at most one DIR, got ${positionals.length}; run: signet init my-pipelines`);
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const files = scaffoldFiles({
    name: values.name ?? projectName(dir),
    signetSpec: values['signet-spec'] === undefined ? SIGNET_VERSION : dependencySpec(io, dir, values['signet-spec']),
  });

  const existing = files.filter((f) => existsSync(join(dir, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    throw new CliError(
      'CLI_FILE',
      `init would overwrite ${existing.join(', ')} (${dir}); nothing was written: move those files away or choose an empty folder`,
    );
  }
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    try {
      // 'wx' fails instead of overwriting a file that appeared since the check
      await writeFile(path, file.content, { flag: 'wx', mode: file.mode });
      await chmod(path, file.mode);
    } catch (error) {
      throw new CliError('CLI_FILE', `cannot write ${file.path} (${dir}); check the folder's permissions`, { cause: error });
    }
  }
  const where = relative(io.cwd, dir) || '.';
  io.stdout(
    `signet: wrote ${files.map((f) => f.path).join(', ')} in ${where}\n` +
      'Next:\n' +
      (where === '.' ? '' : `  cd ${where}\n`) +
      '  npm install\n' +
      `  npx cdk8s synth        # writes ${MANIFESTS_DIR}/; edit the CHANGE lines in main.ts, then commit\n`,
  );
  return 0;
}

/** A tarball or folder on disk becomes a `file:` spec relative to the project; anything else is passed to npm as is. */
function dependencySpec(io: CliIo, dir: string, spec: string): string {
  if (spec === '') throw usageError('--signet-spec is empty; pass a version, a tarball path or a git URL');
  if (/^[a-z+]+:/i.test(spec)) return spec;
  const onDisk = resolve(io.cwd, spec);
  if (!existsSync(onDisk)) return spec;
  return `file:${relative(dir, onDisk).split('\\').join('/') || '.'}`;
}
