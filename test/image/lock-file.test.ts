import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaseLockInfo } from '../../src/image/base.js';
import { buildSignerImage } from '../../src/image/build.js';
import { compareWithLock, lockFromBuild, parseLock, serializeLock } from '../../src/image/lock-file.js';
import { writeFixtureBase } from './_base-fixture.js';
import { tempDir } from '../helpers/temp-dir.js';

async function build(bundle: string, version = '1.0.0', launcher = 'launch()\n') {
  const dir = tempDir('signet-lockfile-');
  const baseDigest = await writeFixtureBase(join(dir, 'base'));
  writeFileSync(join(dir, 'signet.cjs'), launcher);
  writeFileSync(join(dir, 'signet-cli.cjs'), bundle);
  return buildSignerImage({ bundlePath: join(dir, 'signet.cjs'), version, cacheDir: join(dir, 'cache'), base: `oci-layout:${join(dir, 'base')}@${baseDigest}` });
}

const runtimeBase = (files: Record<string, string>): BaseLockInfo => ({
  kind: 'runtime', node: 'v20.20.2', platform: 'linux/amd64', inputsDigest: `sha256:${'1'.repeat(64)}`,
  layerDigest: `sha256:${'2'.repeat(64)}`, gzip: 'node-zlib 1.3.1 level 6 x64', files: files as Record<string, `sha256:${string}`>,
});

describe('lock file', () => {
  it('finds nothing when the build is the locked one', async () => {
    const b = await build('one');
    expect(compareWithLock(b, lockFromBuild(b))).toEqual([]);
  });

  it('serializes deterministically with the command to regenerate it', async () => {
    const b = await build('one');
    const text = serializeLock(lockFromBuild(b));
    // the layout path differs between the two temp dirs; everything else must be byte-identical
    const again = serializeLock(lockFromBuild(await build('one')));
    const withoutPath = (t: string): string => t.replace(/"reference": "[^"]*"/, '"reference": "…"');
    expect(withoutPath(again)).toBe(withoutPath(text));
    expect(text).toContain('npm run image -- --update-lock');
    expect(parseLock(JSON.parse(text)).digest).toBe(b.manifestDigest);
  });

  it('fails a changed bundle with the commands to run', async () => {
    const locked = lockFromBuild(await build('one'));
    const drifts = compareWithLock(await build('two'), locked);
    expect(drifts.map((d) => d.kind)).toEqual(['bundle']);
    expect(drifts[0]!.message).toMatch(/the signer bundle changed .* run `npm run relock`/);
  });

  it('fails a changed launcher with the same bundle, naming the launcher', async () => {
    const locked = lockFromBuild(await build('one'));
    const drifts = compareWithLock(await build('one', '1.0.0', 'launch(2)\n'), locked);
    expect(drifts.map((d) => d.kind)).toEqual(['bundle']);
    expect(drifts[0]!.message).toMatch(/the signer launcher changed \(lock sha256:[0-9a-f]{64}, built sha256:[0-9a-f]{64}\) .* run `npm run relock`/);
  });

  it('reports an image change with the same bundle and base (e.g. a version bump)', async () => {
    const drifts = compareWithLock(await build('one', '2.0.0'), lockFromBuild(await build('one', '1.0.0')));
    expect(drifts.map((d) => d.kind)).toEqual(['image']);
  });

  it('names the runtime files that differ on this machine, apart from bundle changes', async () => {
    const b = await build('one');
    const here = { ...b, base: { ...b.base, lock: runtimeBase({ '/usr/bin/node': `sha256:${'a'.repeat(64)}` }) } };
    const locked = { ...lockFromBuild(b), base: { ...runtimeBase({ '/usr/bin/node': `sha256:${'b'.repeat(64)}` }), node: 'v20.19.0', inputsDigest: `sha256:${'3'.repeat(64)}` as const } };
    const drifts = compareWithLock(here, locked);
    expect(drifts.map((d) => d.kind)).toEqual(['base-inputs']);
    expect(drifts[0]!.message).toBe('the base runtime on this machine differs from the lock\'s: /usr/bin/node differ (node v20.20.2 here, v20.19.0 in the lock)');
  });

  it('fails to parse a lock without image or digest', () => {
    expect(() => parseLock({ image: 'x' })).toThrow(/has no valid 'image' and 'digest'; regenerate it with `npm run image -- --update-lock`/);
  });
});
