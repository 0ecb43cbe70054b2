import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { buildSignerImage, cliBundleBeside, DEFAULT_BASE, pushSignerImage, SIGNER_BUNDLE_FILE, writeOciLayout } from '../../../image/index.js';
import { SIGNER_CLI_FILES } from '../../../shared/constants.js';
import { parseReference } from '../../oci/index.js';
import { CliError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseRegistryFlags, REGISTRY_FLAG_OPTIONS, registryClientFromFlags } from '../registry-options.js';
import { SIGNET_VERSION } from '../version.js';

/** The parseArgs option table of `signet image build`. */
const IMAGE_ARG_OPTIONS = {
  push: { type: 'string' },
  out: { type: 'string' },
  base: { type: 'string' },
  bundle: { type: 'string' },
  ...REGISTRY_FLAG_OPTIONS,
} as const;

/**
 * `signet image build [--push REGISTRY/REPO[:TAG]] [--out DIR] [--base SPEC] [--bundle FILE]`: builds the signer
 * image from the CLI this package ships (the launcher, or `--bundle FILE`, with `signet-cli.cjs` beside it) and the
 * local Node runtime, without Docker, and pushes it. The same CLI, Node binary and base give the same digest on
 * every machine. stdout gets one line: the pushed reference
 * pinned by digest (`registry/repo@sha256:…`), or the manifest digest when nothing was pushed.
 */
export async function imageCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: IMAGE_ARG_OPTIONS, allowPositionals: true });
  const [sub, ...extra] = positionals;
  if (sub !== 'build') throw usageError(`image needs the sub-command build, got ${sub === undefined ? 'none' : `"${sub}"`}; run: signet image build --push REGISTRY/REPO`);
  if (extra.length > 0) throw usageError(`image build takes no arguments, got "${extra[0]}"; name the target with --push REGISTRY/REPO[:TAG]`);
  const bundlePath = values.bundle === undefined ? shippedBundle() : resolve(io.cwd, values.bundle);
  for (const file of [bundlePath, cliBundleBeside(bundlePath)]) {
    if (!existsSync(file)) {
      throw new CliError('CLI_FILE', `no signer CLI file (${file}); pass --bundle FILE (the launcher, ${SIGNER_CLI_FILES.bundle} beside it), or in a signet checkout run npm run bundle first`);
    }
  }
  const pushing = values.push !== undefined;
  const flags = parseRegistryFlags(values);
  const base = values.base ?? DEFAULT_BASE;
  const remoteBase = base === 'runtime' || base.startsWith('oci-layout:') ? [] : [parseReference(base).registry];
  const client = await registryClientFromFlags(
    io,
    // base layers are tens of MB: a longer deadline than a signature's, unless the flags say otherwise
    { ...flags, requestTimeoutMs: flags.requestTimeoutMs ?? 30 * 60_000, commandTimeoutMs: flags.commandTimeoutMs ?? 60 * 60_000 },
    // the default blob cap is sized for signature payloads
    { pushIntent: pushing, maxBlobBytes: 2 * 1024 ** 3, registries: [...(pushing ? [parseReference(values.push!).registry] : []), ...remoteBase] },
  );
  try {
    const log = (line: string): void => io.stderr(`${line}\n`);
    const build = await buildSignerImage({
      bundlePath,
      version: SIGNET_VERSION,
      base,
      cacheDir: imageCacheDir(io),
      fetcher: client,
      log,
    });
    log(`image: built ${build.manifestDigest} (${build.platform.os}/${build.platform.architecture}, ${build.layers.length} layers)`);
    if (values.out !== undefined) {
      const outDir = resolve(io.cwd, values.out);
      await writeOciLayout(outDir, { manifest: build.manifest, blobs: [build.config, ...build.layers], refName: SIGNET_VERSION, platform: build.platform });
      log(`image: wrote the OCI layout ${outDir}`);
    }
    if (values.push === undefined) {
      io.stdout(`${build.manifestDigest}\n`);
      return 0;
    }
    const pushed = await pushSignerImage(client, values.push, build);
    log(`image: pushed ${values.push}; set it once for the whole app with useSignerImage(app, '${pushed.reference}')`);
    io.stdout(`${pushed.reference}\n`);
    return 0;
  } finally {
    client.close();
  }
}

/**
 * The CLI launcher to put in the image, its bundle beside it. When the running script is the launcher (the
 * package's executable `signet`, or `/opt/signet/signet.cjs` inside the signer image), that file; otherwise (a
 * checkout running the sources) `<package root>/build/signer/signet.cjs` from `npm run bundle`.
 * `node_modules/.bin/signet` is a link, so the script is resolved first.
 */
function shippedBundle(): string {
  const script = process.argv[1] === undefined ? undefined : safeRealpath(process.argv[1]);
  if (script === undefined) return resolve(SIGNER_BUNDLE_FILE);
  if (script.endsWith('.cjs') && existsSync(cliBundleBeside(script))) {
    // `node signet-cli.cjs` runs the bundle without its launcher, which is still the file the image needs
    return basename(script) === SIGNER_CLI_FILES.bundle ? join(dirname(script), SIGNER_CLI_FILES.launcher) : script;
  }
  for (let dir = dirname(script); ; dir = dirname(dir)) {
    if (isSignetPackage(join(dir, 'package.json'))) return join(dir, SIGNER_BUNDLE_FILE);
    if (dirname(dir) === dir) return resolve(SIGNER_BUNDLE_FILE);
  }
}

function isSignetPackage(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'signet';
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Base layers are cached per user: compressing the Node runtime takes seconds. */
function imageCacheDir(io: CliIo): string {
  const cacheHome = io.env.XDG_CACHE_HOME;
  return join(cacheHome !== undefined && cacheHome !== '' ? cacheHome : join(io.homeDir, '.cache'), 'signet', 'image-cache');
}
