/**
 * The `npm pack` tarball of this repository, made once per test run and shared by every test file that
 * needs it (test/package/, `signet init` tests): the first caller packs (npm's `prepare` builds lib/), the
 * others wait for it. The run folder comes from test/global-setup.ts, which removes it at the end.
 * Also: fresh user projects outside the repository that install the tarball with npm, as a user would.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** Versions the repository pins (its devDependencies), so user projects install from npm's cache. */
export function pinnedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const version = pkg.devDependencies[name];
  if (version === undefined) throw new Error(`package.json has no devDependency ${name}`);
  return version;
}

/** The environment for npm and the tools it starts: without the `npm_*` variables of an enclosing `npm test`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_UPDATE_NOTIFIER: '1', ...extra };
}

/** Packs the repository into `dest` (runs `prepare`, i.e. the build) and returns the tarball's path. */
export async function packTarball(dest: string): Promise<string> {
  mkdirSync(dest, { recursive: true });
  await run('npm', ['pack', '--pack-destination', dest, '--loglevel', 'error'], { cwd: ROOT, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no .tgz into ${dest}`);
  return join(dest, tarball);
}

function runDir(): string {
  let dir: string | undefined;
  try {
    dir = inject('signetPackageDir');
  } catch {
    dir = undefined;
  }
  if (dir === undefined || dir === '') throw new Error('no package run folder: test/global-setup.ts provides signetPackageDir');
  return dir;
}

/** The tarball of this run, packed on first use (across test files, through a lock folder). */
export async function packageTarball(): Promise<string> {
  const dir = runDir();
  const done = join(dir, 'tarball.txt');
  const failed = join(dir, 'failed.txt');
  let owner = false;
  try {
    mkdirSync(join(dir, 'lock'));
    owner = true;
  } catch {
    owner = false;
  }
  if (owner) {
    try {
      writeFileSync(done, await packTarball(join(dir, 'tarball')));
    } catch (error) {
      writeFileSync(failed, String((error as Error).message));
      throw error;
    }
  }
  for (let waited = 0; waited < 600; waited += 1) {
    if (existsSync(done)) return readFileSync(done, 'utf8');
    if (existsSync(failed)) throw new Error(`npm pack failed in another test file: ${readFileSync(failed, 'utf8')}`);
    await sleep(1000);
  }
  throw new Error('timed out after 10 minutes waiting for npm pack in another test file');
}

/** A temporary user project outside the repository; `remove()` deletes it. */
export interface UserProject {
  readonly dir: string;
  /** Runs a command in the project (no shell), with the `npm_*` variables of `npm test` removed. */
  exec(command: string, args: readonly string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  remove(): void;
}

/**
 * Creates a project in the system temp folder from `files` (path → content; `package.json` among them)
 * and runs `npm install` there. npm's cache serves the pinned versions; the registry the rest.
 */
export async function createUserProject(prefix: string, files: Record<string, string>): Promise<UserProject> {
  const dir = mkdtempSync(join(tmpdir(), `signet-${prefix}-`));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const project: UserProject = {
    dir,
    exec: async (command, args, env = {}) => {
      try {
        return await run(command, [...args], { cwd: dir, env: cleanEnv(env), maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const failed = error as Error & { stdout?: string; stderr?: string };
        failed.message = `${failed.message.split('\n')[0]}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`.trimEnd();
        throw failed;
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  try {
    await project.exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error']);
  } catch (error) {
    project.remove();
    throw error;
  }
  return project;
}
