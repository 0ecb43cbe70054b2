/**
 * Finding 11: the git-clone Task's `subdirectory` param cannot leave the `output` workspace. The
 * step script refuses `..` components, absolute paths and paths that reach outside through a
 * symbolic link, before `deleteExisting` empties anything and before git-init runs. The script runs
 * here under the host's POSIX `sh`, with git-init replaced by a stub that records its call.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Testing } from 'cdk8s';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { GitCloneTask } from '../../../src/catalog/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

const chart = Testing.chart();
new GitCloneTask(chart, 'clone');
const [task] = Testing.synth(chart) as { spec: { steps: { script: string }[] } }[];

describe('hostile input: git-clone subdirectory outside the workspace', () => {
  const root = tempDir('signet-git-clone-');
  const workspace = join(root, 'workspace');
  const sibling = join(root, 'sibling');
  const stub = join(root, 'git-init');
  const called = join(root, 'git-init-called');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeEach(() => {
    rmSync(root, { recursive: true, force: true });
    for (const d of [workspace, sibling, join(root, 'home')]) mkdirSync(d, { recursive: true });
    writeFileSync(join(sibling, 'keep.txt'), 'precious');
    writeFileSync(join(workspace, 'old.txt'), 'stale');
    symlinkSync(sibling, join(workspace, 'link'));
    // the stub stops the script right after the guard and the clean-up, recording where it was sent
    writeFileSync(stub, `#!/bin/sh\nfor a in "$@"; do case "$a" in -path=*) printf '%s' "\${a#-path=}" > '${called}';; esac; done\nexit 9\n`);
    chmodSync(stub, 0o755);
  });

  const run = (subdirectory: string) => {
    const script = task!.spec.steps[0]!.script.replace('/ko-app/git-init', stub);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(root, 'home'),
      OUTPUT_PATH: workspace,
      PARAM_SUBDIRECTORY: subdirectory,
      PARAM_DELETE_EXISTING: 'true',
      PARAM_VERBOSE: 'false',
      ...Object.fromEntries(['URL', 'REVISION', 'REFSPEC', 'SUBMODULES', 'DEPTH', 'SSL_VERIFY', 'CRT_FILE_NAME', 'SPARSE_CHECKOUT_DIRECTORIES', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'].map((k) => [`PARAM_${k}`, ''])),
      ...Object.fromEntries(['SSH_DIRECTORY', 'BASIC_AUTH', 'SSL_CA_DIRECTORY'].flatMap((k) => [[`${k}_BOUND`, 'false'], [`${k}_PATH`, '']])),
    };
    return spawnSync('sh', ['-c', script], { env, encoding: 'utf8' });
  };

  it.each(['../sibling', '..', 'a/../../sibling', 'sub/..', '/tmp', `ROOT/sibling`, 'link', 'link/new', './../sibling'])('refuses %j before touching anything', (raw) => {
    const subdirectory = raw.replace('ROOT', root);
    const result = run(subdirectory);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^git-clone: subdirectory .* leaves the output workspace \(params\.subdirectory\); [^\n]+\n$/);
    expect(existsSync(join(sibling, 'keep.txt'))).toBe(true);
    expect(existsSync(join(workspace, 'old.txt'))).toBe(true);
    expect(existsSync(called)).toBe(false);
  });

  it.each([
    ['', ''],
    ['src', 'src'],
    ['a/b/c', 'a/b/c'],
    ['./x', './x'],
    ['..x/y..', '..x/y..'],
  ])('accepts %j and clones there', (subdirectory, where) => {
    const result = run(subdirectory);
    expect(result.status).toBe(9); // the stub's
    expect(spawnSync('cat', [called], { encoding: 'utf8' }).stdout).toBe(`${workspace}/${where}`);
    expect(existsSync(join(sibling, 'keep.txt'))).toBe(true);
  });

  it('empties the workspace root when asked, as before', () => {
    expect(run('').status).toBe(9);
    expect(existsSync(join(workspace, 'old.txt'))).toBe(false);
  });
});
