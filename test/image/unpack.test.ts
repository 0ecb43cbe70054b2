/**
 * The image really runs: the runtime base plus the launcher and a stub bundle, unpacked with GNU tar and started with
 * `chroot` as the image's user (what the end-to-end test does with the real signer). Root only.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSignerImage } from '../../src/image/build.js';
import { writeOciLayout } from '../../src/image/layout.js';
import { runInRootfs, unpackOciLayout } from '../../src/image/unpack.js';
import { tempDir } from '../helpers/temp-dir.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('runtime-base image under chroot', () => {
  it('starts node with the bundle as uid 65532 with nothing but the image’s files', async () => {
    // GIVEN the real launcher with the stub CLI bundled beside it, built on the runtime base (cached under build/)
    const dir = tempDir('signet-chroot-');
    const bundle = join(dir, 'signet.cjs');
    execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), '--outfile', bundle], { cwd: repoRoot, stdio: 'pipe' });
    execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), '--entry', 'test/image/fixtures/cli-stub.ts', '--outfile', join(dir, 'signet-cli.cjs')], { cwd: repoRoot, stdio: 'pipe' });
    const build = await buildSignerImage({ bundlePath: bundle, version: '0.0.0-test', cacheDir: join(repoRoot, 'build/image-cache') });
    await writeOciLayout(join(dir, 'layout'), { manifest: build.manifest, blobs: [build.config, ...build.layers], refName: 'test', platform: build.platform });
    // WHEN it is unpacked and run
    const image = await unpackOciLayout(join(dir, 'layout'), join(dir, 'rootfs'));
    const help = runInRootfs(image, ['--help']);
    const whoami = execFileSync('/usr/sbin/chroot', ['--userspec=65532:65532', image.rootfs, '/usr/bin/node', '-e', 'const os=require("os");console.log(process.getuid(), os.userInfo().username, require("fs").readFileSync(process.env.SSL_CERT_FILE).length > 0)'], {
      encoding: 'utf8', env: { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' },
    });
    // THEN the CLI answers, as nonroot, and the layout matches the build
    expect(image.manifestDigest).toBe(build.manifestDigest);
    expect(help).toMatch(/^usage: signet/);
    expect(whoami.trim()).toBe('65532 nonroot true');
    expect(statSync(join(image.rootfs, 'tmp')).mode & 0o7777).toBe(0o1777);
    expect(statSync(join(image.rootfs, 'home/nonroot')).uid).toBe(65532);
  });
});
