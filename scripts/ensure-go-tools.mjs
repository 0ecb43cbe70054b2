#!/usr/bin/env node
// Builds the Go reference tools the tests compare against (cosign, Tekton's webhook as an oracle, …),
// listed in test/tools/go-tools.json, into a cache outside the repository:
//   ${SIGNET_TOOLS_CACHE:-${XDG_CACHE_HOME:-~/.cache}/signet/go-tools}/<name>-<key>/<binary>
// A tool already built for the same version (or the same sources, for `build` entries) is reused.
// Usage: node scripts/ensure-go-tools.mjs [name...]   (no names: all of them)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { tools } = JSON.parse(readFileSync(join(root, 'test/tools/go-tools.json'), 'utf8'));

export function toolsCacheDir() {
  if (process.env.SIGNET_TOOLS_CACHE) return process.env.SIGNET_TOOLS_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'signet', 'go-tools');
}

function goAvailable() {
  try {
    return execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** The cache key of a tool: its version, or a hash of its module's files for `build` entries. */
function cacheKey(spec) {
  if (spec.install || spec.module) return spec.version;
  const hash = createHash('sha256');
  if (spec.tags) hash.update(`tags:${spec.tags.join(',')}\0`);
  for (const file of filesUnder(join(root, spec.build))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Absolute path of a tool's binary (built or not). */
export function toolPath(name) {
  const spec = tools[name];
  if (!spec) throw new Error(`unknown go tool "${name}"; add it to test/tools/go-tools.json`);
  return join(toolsCacheDir(), `${name}-${cacheKey(spec)}`, spec.binary);
}

function build(name, goVersion) {
  const spec = tools[name];
  const target = toolPath(name);
  if (existsSync(target)) return target;
  const dir = dirname(target);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const started = Date.now();
  const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: process.env.CGO_ENABLED ?? '0' };
  if (spec.toolchain) env.GOTOOLCHAIN = spec.toolchain;
  const what = spec.install ? `${spec.install}@${spec.version}` : spec.module ? `${spec.module}@${spec.version} ${spec.package}` : spec.build;
  process.stderr.write(`signet tests: building ${name} (${what}) with ${goVersion}…\n`);
  if (spec.module) {
    // `go install pkg@version` refuses modules whose go.mod has replace directives (policy-controller,
    // Kyverno): build inside a copy of the downloaded module instead, so its replaces apply.
    const { Dir } = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${spec.module}@${spec.version}`], { encoding: 'utf8', env }));
    const src = join(tmp, 'src');
    cpSync(Dir, src, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', src]);
    execFileSync('go', ['build', '-trimpath', '-o', join(tmp, spec.binary), spec.package], { cwd: src, stdio: ['ignore', 'ignore', 'inherit'], env });
    rmSync(src, { recursive: true, force: true });
  } else if (spec.install) {
    execFileSync('go', ['install', `${spec.install}@${spec.version}`], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, GOBIN: tmp } });
  } else {
    // `tags` pick pure-Go variants where a library's default needs cgo (containers/image's gpgme).
    const tags = spec.tags ? ['-tags', spec.tags.join(',')] : [];
    execFileSync('go', ['build', '-trimpath', ...tags, '-o', join(tmp, spec.binary), spec.package ?? '.'], {
      cwd: join(root, spec.build), stdio: ['ignore', 'ignore', 'inherit'], env,
    });
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  process.stderr.write(`signet tests: built ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return target;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(tools);
  if (names.length === 0) process.exit(0);
  const goVersion = goAvailable();
  if (!goVersion) {
    console.error('signet tests need Go (the `go` command) to build the reference tools (cosign, the Tekton oracle); install Go and run npm test again');
    process.exit(1);
  }
  for (const name of names) build(name, goVersion);
}
