/**
 * The output folder of a synth, written so that a failed synth never leaves it empty or half written.
 *
 * `cdk8s synth` deletes its output folder before it starts the app, so by the time the app finds a mistake the
 * manifests of the last good synth are gone. Hence:
 * - a synth writes into a fresh folder next to the output folder and swaps it in with two renames;
 * - after each good synth a copy goes to a backup folder outside the project's files
 *   (`node_modules/.cache/signet/synth-backup/`), with the state of git's index for the output folder;
 * - a failed synth that finds the output folder missing or empty puts back the backup, or, when git has changed
 *   the output folder's files since that backup (a pull, a checkout) or there is none (a fresh clone), the
 *   files git tracks there.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Where the backup of an output folder is kept, and what git's index said then. */
interface Backup {
  readonly dir: string;
  readonly files: string;
  readonly meta: string;
}

/** What {@link restoreOutput} did. */
export type Restored = 'untouched' | 'backup' | 'git' | 'nothing';

/**
 * Writes a new output folder with `write(dir)` and swaps it in for `outdir`; then refreshes the backup. When
 * `write` throws, `outdir` is as before (and restored if it was empty), and the error is thrown on.
 */
export function replaceOutput(outdir: string, write: (dir: string) => void, backupRoot?: string): void {
  const target = resolve(outdir);
  mkdirSync(dirname(target), { recursive: true });
  const stage = mkdtempSync(join(dirname(target), `.${basename(target)}.signet-`));
  try {
    write(stage);
    const old = `${stage}.old`;
    const had = existsSync(target);
    if (had) renameSync(target, old);
    renameSync(stage, target);
    if (had) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    restoreOutput(target, backupRoot);
    throw error;
  }
  saveBackup(target, backupRoot);
}

/** After a failed synth: puts the last good manifests back when the output folder is missing or empty. */
export function restoreOutput(outdir: string, backupRoot?: string): Restored {
  const target = resolve(outdir);
  if (existsSync(target) && readdirSync(target).length > 0) return 'untouched';
  const backup = backupOf(target, backupRoot);
  const index = gitIndex(target);
  const saved = backup && existsSync(backup.files) ? readFileSync(backup.meta, 'utf8') : undefined;
  if (backup && saved !== undefined && (index === undefined || index === '' || saved === index)) {
    mkdirSync(target, { recursive: true });
    cpSync(backup.files, target, { recursive: true });
    return 'backup';
  }
  if (index) {
    mkdirSync(target, { recursive: true });
    const checkout = spawnSync('git', ['checkout', '--', target], { cwd: target, stdio: 'ignore' });
    if (checkout.status === 0) return 'git';
  }
  return 'nothing';
}

/** Copies the output folder to its backup, replacing the previous one. */
function saveBackup(target: string, backupRoot: string | undefined): void {
  const backup = backupOf(target, backupRoot);
  if (!backup) return;
  mkdirSync(dirname(backup.dir), { recursive: true });
  const fresh = mkdtempSync(`${backup.dir}.`);
  cpSync(target, join(fresh, 'files'), { recursive: true });
  writeFileSync(join(fresh, 'git-index'), gitIndex(target) ?? '');
  rmSync(backup.dir, { recursive: true, force: true });
  renameSync(fresh, backup.dir);
}

/**
 * The backup of an output folder inside the current project (the working directory), in the project's
 * `node_modules/.cache` (which git and npm ignore); none for a folder outside the project, or without
 * `node_modules`.
 */
function backupOf(target: string, backupRoot: string | undefined): Backup | undefined {
  const project = process.cwd();
  const inside = relative(project, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  const modules = join(project, 'node_modules');
  const root = backupRoot ?? (existsSync(modules) ? join(modules, '.cache', 'signet', 'synth-backup') : undefined);
  if (root === undefined) return undefined;
  const dir = join(root, createHash('sha256').update(target).digest('hex').slice(0, 16));
  return { dir, files: join(dir, 'files'), meta: join(dir, 'git-index') };
}

/**
 * `git ls-files -s --full-name` for the folder (mode, blob and repository path of each tracked file), run from
 * its nearest existing folder; undefined outside a git work tree.
 */
function gitIndex(target: string): string | undefined {
  let cwd = target;
  while (!existsSync(cwd)) {
    const parent = dirname(cwd);
    if (parent === cwd) return undefined;
    cwd = parent;
  }
  const listed = spawnSync('git', ['ls-files', '-s', '--full-name', '--', target], { cwd, encoding: 'utf8' });
  return listed.status === 0 ? listed.stdout : undefined;
}
