/**
 * `npm run image`: bundles the signer, builds its image without Docker and writes it as an OCI
 * layout to `dist/signer-image/`. The manifest digest is the LAST line of stdout; progress goes to stderr.
 *
 *   npm run image -- [--base runtime|oci-layout:PATH@sha256:…|REGISTRY/REPO@sha256:…]
 *                    [--entry FILE] [--out DIR] [--update-lock] [--verify] [--push REF]
 *                    [--allow-http-registry]
 *
 * --update-lock  rewrite signer-image.lock.json from this build
 * --verify       unpack the layers into a temp dir and run `chroot DIR node signet.cjs --help` (root only)
 * --push REF     push with the signer's registry client (credentials as for `signet sign`: docs/cli.md)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildSignerImage,
  cliBundleBeside,
  compareWithLock,
  DEFAULT_BUNDLE_ENTRY,
  ImageError,
  LOCK_FILE_NAME,
  lockFromBuild,
  parseLock,
  pushSignerImage,
  runInRootfs,
  serializeLock,
  unpackOciLayout,
  writeOciLayout,
} from '../src/image/index.js';
import { SignetError } from '../src/shared/errors.js';
import { createRegistryClient, loadDockerKeychain, parseReference, prefetchCredentials } from '../src/signer/oci/index.js';

const repoRoot = resolve(import.meta.dirname, '..');
const log = (line: string): void => { process.stderr.write(`${line}\n`); };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'runtime' },
      entry: { type: 'string' },
      'allow-other-entry': { type: 'boolean', default: false },
      out: { type: 'string', default: 'dist/signer-image' },
      'update-lock': { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      push: { type: 'string' },
      'allow-http-registry': { type: 'boolean', default: false },
    },
  });
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(2)} s`;

  type Bundled = { path: string; size: number; digest: string };
  const bundleWith = (args: string[]): Bundled & { cli?: Bundled } => {
    const out = execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), '--json', ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Bundled & { cli?: Bundled };
  };
  // the launcher and the CLI bundle; --entry puts another entry's bundle in the CLI bundle's place
  const bundle = bundleWith([]);
  const cli = values.entry === undefined ? bundle.cli! : bundleWith(['--entry', values.entry, '--outfile', cliBundleBeside(bundle.path)]);
  log(`bundle: ${bundle.path} ${bundle.size} bytes ${bundle.digest}, ${cli.path} ${cli.size} bytes ${cli.digest} (${elapsed()})`);

  const keychain = await loadDockerKeychain(
    { homeDir: homedir(), ...(process.env.DOCKER_CONFIG ? { dockerConfigDir: process.env.DOCKER_CONFIG } : {}) },
    process.env.DOCKER_AUTH_CONFIG ? { authConfig: process.env.DOCKER_AUTH_CONFIG } : {},
  );
  const remote = [values.push, values.base.startsWith('oci-layout:') || values.base === 'runtime' ? undefined : values.base];
  const credentials = await prefetchCredentials(keychain, remote.flatMap((ref) => (ref === undefined ? [] : [parseReference(ref).registry])));
  // base layers can be tens of MB; the client's default size cap and 60 s request deadline are for signature payloads
  const client = createRegistryClient({ credentials, allowHttp: values['allow-http-registry'], pushIntent: values.push !== undefined, maxBlobBytes: 2 * 1024 ** 3, requestTimeoutMs: 30 * 60_000 });
  try {
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const build = await buildSignerImage({
      bundlePath: join(repoRoot, bundle.path),
      version,
      base: values.base,
      cacheDir: join(repoRoot, 'build/image-cache'),
      fetcher: client,
      log,
    });
    const outDir = resolve(repoRoot, values.out);
    await writeOciLayout(outDir, {
      manifest: build.manifest,
      blobs: [build.config, ...build.layers],
      refName: version,
      platform: build.platform,
    });
    const size = build.layers.reduce((n, l) => n + l.descriptor.size, build.config.descriptor.size + build.manifest.descriptor.size);
    log(`image: ${values.out} ${(size / 1024 ** 2).toFixed(1)} MiB compressed, ${build.layers.length} layers (${elapsed()})`);

    if (values.verify) {
      const root = mkdtempSync(join(tmpdir(), 'signet-rootfs-'));
      try {
        const unpacked = await unpackOciLayout(outDir, root);
        const help = runInRootfs(unpacked, ['--help']);
        log(`verify: chroot ${root} ${unpacked.config.config.Entrypoint?.join(' ')} --help ok (${help.split('\n')[0]}) (${elapsed()})`);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }

    const lockPath = join(repoRoot, LOCK_FILE_NAME);
    if (values['update-lock'] && values.entry !== undefined && values.entry !== DEFAULT_BUNDLE_ENTRY && !values['allow-other-entry']) {
      throw new ImageError('LOCK_INVALID', `refusing to lock an image bundled from '${values.entry}'; the lock must hold ${DEFAULT_BUNDLE_ENTRY} (add --allow-other-entry to override)`);
    }
    if (values['update-lock']) {
      writeFileSync(lockPath, serializeLock(lockFromBuild(build, { entry: values.entry ?? DEFAULT_BUNDLE_ENTRY })));
      log(`lock: wrote ${LOCK_FILE_NAME}; \`npm run relock\` also regenerates dist/manifests, catalog/ and the digest snapshots`);
    } else if (existsSync(lockPath)) {
      const drifts = compareWithLock(build, parseLock(JSON.parse(readFileSync(lockPath, 'utf8')), LOCK_FILE_NAME));
      for (const drift of drifts) log(`lock: ${drift.message}`);
      if (drifts.length === 0) log(`lock: ${LOCK_FILE_NAME} matches`);
    }

    if (values.push !== undefined) {
      const pushed = await pushSignerImage(client, values.push, build);
      log(`push: ${pushed.reference} (${elapsed()})`);
    }
    process.stdout.write(`${build.manifestDigest}\n`);
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`image: ${error instanceof SignetError ? error.message : String(error instanceof Error ? error.stack : error)}\n`);
  process.exitCode = 1;
});
