/**
 * Runs a resolved Task step from an unpacked image the way a kubelet would, minus cgroups and network
 * namespaces: a private mount namespace (`unshare --mount`) in which the image root is bind-mounted
 * read-only (the step's `readOnlyRootFilesystem`), each volume is bind-mounted at its mountPath (read-only
 * when the mount says so), and the command runs under `chroot --userspec=<runAsUser>:<runAsGroup>` with the
 * pod's fsGroup as supplementary group. Root only.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedStep } from './_tekton-substitution.js';

/** Absolute paths: the child's PATH is the image's. */
export const CHROOT = '/usr/sbin/chroot';
export const UNSHARE = '/usr/bin/unshare';
const MOUNT = '/usr/bin/mount';

/** Why the sandbox cannot run here, or undefined when it can. */
export function sandboxUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (chroot, bind mounts)';
  for (const tool of [CHROOT, UNSHARE, MOUNT]) if (!existsSync(tool)) return `${tool} is missing`;
  return undefined;
}

/** A host directory mounted into the step. */
export interface SandboxMount {
  readonly hostPath: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
}

/** How to run the step. */
export interface SandboxOptions {
  /** The unpacked image root. */
  readonly rootfs: string;
  /** Env from the image config (`KEY=value`), overridden by the step's env. */
  readonly imageEnv: readonly string[];
  readonly mounts: readonly SandboxMount[];
  /** The pod's `securityContext.fsGroup`. @default - none */
  readonly fsGroup?: number;
  /** Make the root read-only. @default - the step's readOnlyRootFilesystem */
  readonly readOnlyRoot?: boolean;
  /** Kill the step after this long. @default 90_000 */
  readonly timeoutMs?: number;
}

/** The outcome of a step. */
export interface StepOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// $1 rootfs, $2 ro root (1/0), $3 number of mounts, then (host, mountPath, ro|rw) triples, then the chroot argv
const SCRIPT = `set -eu
root="$1"; ro_root="$2"; n="$3"; shift 3
${MOUNT} --bind "$root" "$root"
if [ "$ro_root" = 1 ]; then ${MOUNT} -o remount,bind,ro "$root"; fi
while [ "$n" -gt 0 ]; do
  if [ "$3" = ro ]; then ${MOUNT} --bind -o ro "$1" "$root$2"; else ${MOUNT} --bind "$1" "$root$2"; fi
  shift 3; n=$((n - 1))
done
exec ${CHROOT} "$@"
`;

/** Runs `step` in the sandbox and returns its exit code and output. */
export function runStep(step: ResolvedStep, options: SandboxOptions): Promise<StepOutcome> {
  const sc = step.securityContext as { runAsUser?: number; runAsGroup?: number; readOnlyRootFilesystem?: boolean };
  if (sc.runAsUser === undefined) throw new Error(`step '${step.name}' sets no runAsUser; the sandbox runs steps as their declared user only`);
  const user = sc.runAsUser;
  const group = sc.runAsGroup ?? user;
  for (const m of options.mounts) mkdirSync(join(options.rootfs, m.mountPath), { recursive: true }); // the runtime makes mount points
  const env: Record<string, string> = {};
  for (const entry of options.imageEnv) {
    const eq = entry.indexOf('=');
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  env.HOME ??= homeOf(options.rootfs, user);
  Object.assign(env, step.env);
  const chrootArgs = [
    `--userspec=${user}:${group}`,
    ...(options.fsGroup === undefined ? [] : [`--groups=${options.fsGroup}`]),
    options.rootfs,
    ...step.command,
    ...step.args,
  ];
  const readOnlyRoot = options.readOnlyRoot ?? sc.readOnlyRootFilesystem === true;
  const argv = [
    '--mount', '--propagation', 'private', '/bin/sh', '-c', SCRIPT, 'sandbox',
    options.rootfs, readOnlyRoot ? '1' : '0', String(options.mounts.length),
    ...options.mounts.flatMap((m) => [m.hostPath, m.mountPath, m.readOnly ? 'ro' : 'rw']),
    ...chrootArgs,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(UNSHARE, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 90_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The user's home from the image's /etc/passwd, as container runtimes set HOME; `/` when not listed. */
function homeOf(rootfs: string, uid: number): string {
  const passwd = join(rootfs, 'etc/passwd');
  if (!existsSync(passwd)) return '/';
  const line = readFileSync(passwd, 'utf8').split('\n').find((l) => l.split(':')[2] === String(uid));
  return line?.split(':')[5] || '/';
}
