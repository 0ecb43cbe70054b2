/**
 * Interop with containers/image v5.23.1 (the library in skopeo 1.9.3, podman and CRI-O; built as
 * test/tools/containers-image) against the real distribution registry, both directions: signet
 * signs → a pull under policy.json `sigstoreSigned` + `keyPath` (registries.d
 * `use-sigstore-attachments: true`) accepts, and refuses a wrong key, a tampered payload and a
 * signature copied from another image; which `docker-reference` each signet identity option writes,
 * and what the default `matchRepoDigestOrExact` makes of it; containers/image signs
 * (`--sign-by-sigstore-private-key`) → `signet verify` accepts; the bundle format is not read.
 * Debian's own skopeo 1.9.3 is asked too: its containers/image is patched to refuse sigstore.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseSignatureManifest, parseSimpleSigningPayload, signatureTag } from '../../../src/signer/cosign/format.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient, type RepositoryRef } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { containersImage, debianSkopeo, type ContainersImage, type ToolRun } from '../../helpers/containers-image.js';
import { cosign } from '../../helpers/cosign.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tamper, transplant } from '../../helpers/signature-tampering.js';
import { tempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'cimage-pw';

/** containers/image refused for a signature reason, not a network failure. */
function refused(run: ToolRun, reason: RegExp, what: string): void {
  if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`containers/image ${what}: ${run.stderr.trim()}\n`);
  expect(run.code, `${what}: ${run.stdout}`).not.toBe(0);
  expect(run.stderr, what).toMatch(reason);
  expect(run.stderr, what).not.toMatch(/proxyconnect|connection refused/i);
}

function accepted(run: ToolRun, what: string): void {
  expect(run.code, `${what}: ${run.stderr}`).toBe(0);
}

/** The containers/image builds under test, and where they differ. */
const LIBRARIES = [
  // What Debian 12's skopeo 1.9.3 is built with (its Built-Using field), here without Debian's patch.
  { tool: 'containers-image', version: 'github.com/containers/image/v5 v5.23.1', creator: 'containers/image 5.23.1', signsWithSigstoreKeys: false },
  // The newest release, after the move to containers/container-libs.
  { tool: 'containers-image-latest', version: 'go.podman.io/image/v5 v5.42.1', creator: 'containers/image 5.42.1', signsWithSigstoreKeys: true },
] as const;

describe.each(LIBRARIES)('$version and signet', (library) => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
  let cimage: ContainersImage;
  let dir: string;
  beforeAll(async () => {
    cimage = containersImage(library.tool);
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    dir = tempDir('signet-cimage-');
    // signet's key pairs (`signet generate-key-pair`, the default cosign format) and real cosign's.
    for (const prefix of ['signet', 'stranger']) {
      const made = await signet(['generate-key-pair', '--output-key-prefix', prefix]);
      expect(made.code, made.stderr).toBe(0);
    }
    const made = await cosign('v3').run(['generate-key-pair'], { password: PASSWORD, cwd: dir });
    expect(made.code, made.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const signet = (args: string[]) => runSignet(dir, args, { COSIGN_PASSWORD: PASSWORD });
  const key = (name: string) => join(dir, name);
  const repoOf = (name: string): RepositoryRef => ({ registry: registry.host, repository: name });
  const push = async (name: string, tag = 'latest') => (await pushRandomImage(client, repoOf(name), tag)).digest;
  const signedReference = async (name: string, digest: string) => {
    const sig = await client.getManifest(repoOf(name), signatureTag(digest));
    const [layer] = parseSignatureManifest(sig!.bytes).layers;
    return parseSimpleSigningPayload(await client.getBlob(repoOf(name), layer!.digest)).dockerReference;
  };

  it('reports the containers/image version it was built with', async () => {
    expect(await cimage.version()).toBe(library.version);
  });

  describe.each([
    ['signet generate-key-pair', 'signet'],
    ['cosign v3 generate-key-pair', 'cosign'],
  ])('signet signs with a key from %s', (_what, prefix) => {
    it('a pull under sigstoreSigned accepts; a wrong key, a tampered payload and a transplanted signature are refused', async () => {
      const name = `s2c-${prefix}/app`;
      const digest = await push(name, 'v1');
      const image = `${registry.host}/${name}@${digest}`;
      const signed = await signet(['sign', '--key', `${prefix}.key`, '--identity-with-tag', `${registry.host}/${name}:v1@${digest}`]);
      expect(signed.code, signed.stderr).toBe(0);
      accepted(await cimage.pull(image, key(`${prefix}.pub`)), 'signed');
      refused(await cimage.pull(image, key('stranger.pub')), /cryptographic signature verification failed/, 'wrong key');

      const other = await push(name, 'other');
      await transplant(client, repoOf(name), digest, other, 'legacy');
      refused(await cimage.pull(`${registry.host}/${name}@${other}`, key(`${prefix}.pub`)), /Signature for digest sha256:[0-9a-f]{64} does not match/, 'transplanted');

      await tamper(client, repoOf(name), digest, 'legacy');
      refused(await cimage.pull(image, key(`${prefix}.pub`)), /cryptographic signature verification failed/, 'tampered');
    });
  });

  it('signedIdentity: signet’s default docker-reference (the repository) needs matchRepository', async () => {
    const name = 'identity/default';
    const digest = await push(name, 'v1');
    expect((await signet(['sign', '--key', 'signet.key', `${registry.host}/${name}@${digest}`])).code).toBe(0);
    expect(await signedReference(name, digest)).toBe(`${registry.host}/${name}`);
    const pub = key('signet.pub');
    // matchRepoDigestOrExact (the default) never matches a reference without tag or digest.
    refused(await cimage.pull(`${registry.host}/${name}@${digest}`, pub), /Signature for identity \S+ is not accepted/, 'repository identity, by digest, default policy');
    refused(await cimage.pull(`${registry.host}/${name}:v1`, pub), /Signature for identity \S+ is not accepted/, 'repository identity, by tag, default policy');
    accepted(await cimage.pull(`${registry.host}/${name}@${digest}`, pub, { type: 'matchRepository' }), 'matchRepository, by digest');
    accepted(await cimage.pull(`${registry.host}/${name}:v1`, pub, { type: 'matchRepository' }), 'matchRepository, by tag');
  });

  it('signedIdentity: --identity-with-tag signs repo:tag, which the default policy accepts by digest and by that tag only', async () => {
    const name = 'identity/with-tag';
    const { digest, manifest, mediaType } = await pushRandomImage(client, repoOf(name), 'v1');
    await client.putManifest(repoOf(name), 'v2', manifest, mediaType);
    expect((await signet(['sign', '--key', 'signet.key', '--identity-with-tag', `${registry.host}/${name}:v1@${digest}`])).code).toBe(0);
    expect(await signedReference(name, digest)).toBe(`${registry.host}/${name}:v1`);
    const pub = key('signet.pub');
    accepted(await cimage.pull(`${registry.host}/${name}@${digest}`, pub), 'by digest');
    accepted(await cimage.pull(`${registry.host}/${name}:v1`, pub), 'by the signed tag');
    refused(await cimage.pull(`${registry.host}/${name}:v2`, pub), /Signature for identity \S+ is not accepted/, 'by another tag of the same image');
    accepted(await cimage.pull(`${registry.host}/${name}:v2`, pub, { type: 'matchRepository' }), 'another tag, matchRepository');
  });

  it('signedIdentity: --sign-container-identity signs the given reference; another repository needs remapIdentity', async () => {
    const name = 'identity/mirror';
    const digest = await push(name, 'v1');
    const upstream = `${registry.host}/upstream/app:v1`;
    expect((await signet(['sign', '--key', 'signet.key', '--sign-container-identity', upstream, `${registry.host}/${name}@${digest}`])).code).toBe(0);
    expect(await signedReference(name, digest)).toBe(upstream);
    const pub = key('signet.pub');
    refused(await cimage.pull(`${registry.host}/${name}@${digest}`, pub), /Signature for identity \S+ is not accepted/, 'another repository, default policy');
    accepted(await cimage.pull(`${registry.host}/${name}@${digest}`, pub, { type: 'remapIdentity', prefix: `${registry.host}/identity/mirror`, signedPrefix: `${registry.host}/upstream/app` }), 'remapIdentity');
    accepted(await cimage.pull(`${registry.host}/${name}@${digest}`, pub, { type: 'exactRepository', dockerRepository: `${registry.host}/upstream/app` }), 'exactRepository');
  });

  it('containers/image signs with signet’s key → signet verify accepts, and refuses a wrong key', async () => {
    const source = await push('c2s/source', 'v1');
    const copied = await cimage.copySigned(`${registry.host}/c2s/source@${source}`, `${registry.host}/c2s/app:v1`, { keyPath: key('signet.key'), passphrase: PASSWORD });
    expect(copied.code, copied.stderr).toBe(0);
    // The copy is a new manifest (containers/image gzips the uncompressed test layer on push).
    const digest = (await client.headManifest(repoOf('c2s/app'), 'v1'))!.digest;
    const ok = await signet(['verify', '--key', 'signet.pub', `${registry.host}/c2s/app@${digest}`]);
    expect(ok.code, ok.stderr).toBe(0);
    const [payload] = JSON.parse(ok.stdout) as { critical: { identity: { 'docker-reference': string } }; optional: Record<string, unknown> }[];
    // containers/image signs the destination reference with its tag, and adds creator and timestamp.
    expect(payload!.critical.identity['docker-reference']).toBe(`${registry.host}/c2s/app:v1`);
    expect(payload!.optional.creator).toBe(library.creator);
    expect(typeof payload!.optional.timestamp).toBe('number');
    expect((await signet(['verify', '--key', 'stranger.pub', `${registry.host}/c2s/app@${digest}`])).code).toBe(1);
    // And its own signature passes its own default policy.
    accepted(await cimage.pull(`${registry.host}/c2s/app:v1`, key('signet.pub')), 'containers/image signature, default policy');
  });

  it.runIf(!library.signsWithSigstoreKeys)('cannot sign with a key from cosign ≥ 2.2 (ENCRYPTED SIGSTORE PRIVATE KEY)', async () => {
    expect(readFileSync(key('cosign.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----/);
    const digest = await push('c2s-cosign-key/source');
    const copied = await cimage.copySigned(`${registry.host}/c2s-cosign-key/source@${digest}`, `${registry.host}/c2s-cosign-key/app:v1`, { keyPath: key('cosign.key'), passphrase: PASSWORD });
    refused(copied, /unsupported pem type: ENCRYPTED SIGSTORE PRIVATE KEY/, 'cosign v3 key');
  });

  it.runIf(library.signsWithSigstoreKeys)('signs with a key from cosign v3 generate-key-pair → signet verify accepts', async () => {
    const digest = await push('c2s-cosign-key/source');
    const copied = await cimage.copySigned(`${registry.host}/c2s-cosign-key/source@${digest}`, `${registry.host}/c2s-cosign-key/app:v1`, { keyPath: key('cosign.key'), passphrase: PASSWORD });
    expect(copied.code, copied.stderr).toBe(0);
    const ok = await signet(['verify', '--key', 'cosign.pub', `${registry.host}/c2s-cosign-key/app@${(await client.headManifest(repoOf('c2s-cosign-key/app'), 'v1'))!.digest}`]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('does not read the bundle format: an image signed only with --new-bundle-format is refused as unsigned', async () => {
    const name = 'bundle/app';
    const digest = await push(name);
    expect((await signet(['sign', '--key', 'signet.key', '--new-bundle-format', `${registry.host}/${name}@${digest}`])).code).toBe(0);
    refused(await cimage.pull(`${registry.host}/${name}@${digest}`, key('signet.pub'), { type: 'matchRepository' }), /signature was required, but no signature exists/, 'bundle only');
  });
});

const skopeo = debianSkopeo();
const skopeoTitle = skopeo === undefined ? 'Debian 12’s skopeo: skipped, /usr/bin/skopeo is missing (run node scripts/ensure-test-deps.mjs as root)' : 'Debian 12’s skopeo (package skopeo, /usr/bin/skopeo)';
describe.skipIf(skopeo === undefined)(skopeoTitle, () => {
  it('refuses every sigstore signature: Debian builds its containers/image with sigstore disabled', async () => {
    const registry = await startRegistry();
    const client = createRegistryClient({ pushIntent: true });
    try {
      const dir = tempDir('signet-debian-skopeo-');
      const run = (args: string[]) => runSignet(dir, args, { COSIGN_PASSWORD: PASSWORD });
      expect((await run(['generate-key-pair'])).code).toBe(0);
      const digest = (await pushRandomImage(client, { registry: registry.host, repository: 'deb/app' }, 'v1')).digest;
      expect((await run(['sign', '--key', 'cosign.key', '--identity-with-tag', `${registry.host}/deb/app:v1@${digest}`])).code).toBe(0);
      expect(await skopeo!.version()).toBe('skopeo version 1.9.3');
      refused(await skopeo!.pull(`${registry.host}/deb/app@${digest}`, join(dir, 'cosign.pub')), /Debian-local change: sigstore disabled/, 'Debian skopeo');
      accepted(await containersImage().pull(`${registry.host}/deb/app@${digest}`, join(dir, 'cosign.pub')), 'the same image, upstream containers/image v5.23.1');
    } finally {
      client.close();
      await registry.stop();
    }
  });
});
