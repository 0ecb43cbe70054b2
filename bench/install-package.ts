/**
 * Installs this repository as a user gets it: `npm pack` (its `prepare` builds lib/), then `npm install`
 * of the tarball into a fresh project, so the start-up bench times the installed `signet` bin.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The environment for nested npm runs, without the `npm_*` variables of an enclosing `npm run bench`. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Packs `root` and installs the tarball into `workDir/project`; returns the installed `signet` bin. */
export function installPackage(root: string, workDir: string): string {
  const packDir = join(workDir, 'pack');
  const project = join(workDir, 'project');
  mkdirSync(packDir, { recursive: true });
  mkdirSync(project, { recursive: true });
  execFileSync('npm', ['pack', '--pack-destination', packDir, '--loglevel', 'error'], { cwd: root, stdio: 'ignore', env: npmEnv() });
  const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no .tgz into ${packDir}`);
  const pkg = JSON.parse(execFileSync('npm', ['pkg', 'get', 'devDependencies'], { cwd: root, env: npmEnv(), encoding: 'utf8' })) as Record<string, string>;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'bench-user', private: true, type: 'module', dependencies: { signet: `file:${join(packDir, tarball)}`, cdk8s: pkg.cdk8s, constructs: pkg.constructs } }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: project, stdio: 'ignore', env: npmEnv() });
  return join(project, 'node_modules/.bin/signet');
}
