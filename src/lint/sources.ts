/**
 * The inputs of `signet lint`: files, folders (recursively: *.yaml, *.yml, *.json) and standard input,
 * read in a stable order. Unreadable input is a {@link LintInputError}.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

import { LintInputError } from './errors.js';

/** One input file (or standard input) and its text. */
export interface LintSource {
  /** The name findings are reported under: the path as given (relative to the working directory), or `<stdin>`. */
  readonly file: string;
  /** The file's text. */
  readonly text: string;
}

/** The file names a folder walk picks up. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Options of {@link readSources}. */
export interface ReadSourcesOptions {
  /** Folder that relative paths resolve against, and that reported names are relative to. */
  readonly cwd: string;
  /** Reads standard input (for `-`). @default - `-` is refused */
  readonly readStdin?: () => Promise<string>;
}

/**
 * Reads every input: a file as given (any extension), a folder's manifest files recursively in name order
 * (hidden folders and node_modules skipped), `-` from standard input. Each file once, in argument order.
 */
export async function readSources(paths: readonly string[], options: ReadSourcesOptions): Promise<LintSource[]> {
  const out: LintSource[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (path === '-') {
      if (options.readStdin === undefined) throw new LintInputError('standard input is not available (-); pass files or folders instead');
      if (seen.has('-')) continue;
      seen.add('-');
      out.push({ file: '<stdin>', text: await options.readStdin() });
      continue;
    }
    const absolute = resolve(options.cwd, path);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${error.code ?? 'error'})`;
      throw new LintInputError(`${reason} (${path}); check the path`);
    });
    const files = info.isDirectory() ? await manifestFiles(absolute) : [absolute];
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      out.push({ file: displayName(options.cwd, file), text: await readText(file) });
    }
  }
  return out;
}

async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new LintInputError(`cannot list the folder (${dir}); check its permissions`);
  });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...(await manifestFiles(path)));
    } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new LintInputError(`cannot read the file (${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`);
  }
}

function displayName(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
