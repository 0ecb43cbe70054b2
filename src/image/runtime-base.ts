/**
 * A minimal base image made from the Node runtime of this machine, for hosts with no registry
 * access: the node binary, the shared libraries it links (placed at the paths the dynamic loader
 * asks for, symlinks resolved to real files), the CA bundle, a `nonroot` user, `/tmp` and a home.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { CA_BUNDLE_PATH, IMAGE_NODE_PATH, NONROOT_HOME, NONROOT_UID } from './constants.js';
import type { Sha256Digest } from '../shared/oci/index.js';
import { ImageError } from './errors.js';
import { fileDigest } from './layout.js';
import type { TarEntry } from './tar.js';

/** Where the runtime comes from. */
export interface RuntimeBaseOptions {
  /**
   * The node binary to package.
   * @default process.execPath
   */
  readonly nodePath?: string;
  /**
   * The CA bundle to package at {@link CA_BUNDLE_PATH}.
   * @default '/etc/ssl/certs/ca-certificates.crt'
   */
  readonly caBundlePath?: string;
}

/** One host file copied into the base, recorded in the lock so a drift can name the file. */
export interface RuntimeInput {
  /** Path inside the image. */
  readonly path: string;
  readonly digest: Sha256Digest;
  readonly size: number;
}

/** The base layer's entries plus what they were made from. */
export interface RuntimeBaseContent {
  readonly entries: readonly TarEntry[];
  /** Every host file, sorted by image path. */
  readonly inputs: readonly RuntimeInput[];
  /** `node --version` of the packaged binary, e.g. `v20.20.2`. */
  readonly nodeVersion: string;
}

const PASSWD = `root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:${NONROOT_UID}:${NONROOT_UID}:nonroot:${NONROOT_HOME}:/sbin/nologin\n`;
const GROUP = `root:x:0:\nnonroot:x:${NONROOT_UID}:\n`;
/** glibc reads this for user and host look-ups; without it the defaults vary between versions. */
const NSSWITCH = 'passwd: files\ngroup: files\nhosts: files dns\n';

/** Collects the runtime base's entries from the host. Reads the node binary once to hash it. */
export async function runtimeBaseContent(options: RuntimeBaseOptions = {}): Promise<RuntimeBaseContent> {
  const nodePath = options.nodePath ?? process.execPath;
  const caBundlePath = options.caBundlePath ?? CA_BUNDLE_PATH;
  if (!existsSync(caBundlePath)) {
    throw new ImageError('RUNTIME_LIBRARY_MISSING', `CA bundle '${caBundlePath}' not found; install the Debian package ca-certificates or pass another bundle`);
  }
  const files = new Map<string, { source: string; mode: number }>();
  files.set(IMAGE_NODE_PATH, { source: nodePath, mode: 0o755 });
  for (const library of sharedLibraries(nodePath)) {
    // the loader itself must be executable; ordinary libraries need only be readable
    files.set(library, { source: library, mode: library.includes('/ld-linux') ? 0o755 : 0o644 });
  }
  files.set(CA_BUNDLE_PATH, { source: caBundlePath, mode: 0o644 });

  const entries: TarEntry[] = [];
  const inputs: RuntimeInput[] = [];
  for (const [path, { source, mode }] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const real = realpathSync(source);
    const size = statSync(real).size;
    entries.push({ type: 'file', path, mode, sourcePath: real, size });
    inputs.push({ path, digest: await fileDigest(real), size });
  }
  const text = (path: string, content: string): TarEntry => ({ type: 'file', path, mode: 0o644, content: Buffer.from(content) });
  entries.push(
    text('/etc/passwd', PASSWD),
    text('/etc/group', GROUP),
    text('/etc/nsswitch.conf', NSSWITCH),
    { type: 'directory', path: '/tmp', mode: 0o1777 },
    { type: 'directory', path: NONROOT_HOME, mode: 0o755, uid: NONROOT_UID, gid: NONROOT_UID },
  );
  const nodeVersion = execFileSync(nodePath, ['--version'], { encoding: 'utf8' }).trim();
  return { entries, inputs, nodeVersion };
}

/**
 * The absolute paths `ldd` reports for `binary`, the dynamic loader included, in the form the
 * loader looks them up (e.g. `/lib/x86_64-linux-gnu/libc.so.6`, not the real `/usr/lib/…` file).
 */
export function sharedLibraries(binary: string): string[] {
  let output: string;
  try {
    output = execFileSync('ldd', [binary], { encoding: 'utf8' });
  } catch (cause) {
    throw new ImageError('RUNTIME_LIBRARY_MISSING', `ldd could not list the libraries of '${binary}'; is it a dynamically linked ELF binary on this platform?`, { cause });
  }
  return parseLddOutput(output, binary);
}

/** Parses `ldd` output; `linux-vdso` has no file and is skipped. Exported for tests. */
export function parseLddOutput(output: string, binary: string): string[] {
  const paths = new Set<string>();
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('linux-vdso') || line.startsWith('linux-gate')) continue;
    if (line.includes('=> not found')) {
      throw new ImageError('RUNTIME_LIBRARY_MISSING', `'${binary}' needs '${line.split(' ')[0]}', which ldd cannot find; install it or use another node binary`);
    }
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)$/.exec(line);
    if (match?.[1] !== undefined) paths.add(match[1]);
  }
  return [...paths].sort();
}
