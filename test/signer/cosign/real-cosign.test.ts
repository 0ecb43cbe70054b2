/**
 * Interop with the real cosign (v2.6.x and v3.x, built with `go install` by the pretest step), both
 * directions, against the real distribution registry, offline (no transparency log, no TUF):
 * signet signs → `cosign verify --key` accepts; cosign signs → `signet verify` accepts; a tampered
 * payload, a signature transplanted to another image and a wrong key are rejected by both.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseReferrerManifest, parseReferrersIndex, referrersTag } from '../../../src/signer/cosign/bundle-format.js';
import { decryptPrivateKey, generateKeyPair } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type ReferrersClient, type RegistryClient, type RepositoryRef } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { COSIGN_VERSIONS, cosign, type Cosign, withoutProtojsonSpaces } from '../../helpers/cosign.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { tamper, transplant, type SignatureFormat } from '../../helpers/signature-tampering.js';
import { tempDir } from '../../helpers/temp-dir.js';

const PASSWORD = 'interop-pw';
type Format = SignatureFormat;

describe.each(COSIGN_VERSIONS)('real cosign %s', (major) => {
  let registry: TestRegistry;
  let client: RegistryClient & ReferrersClient;
  let tool: Cosign;
  let dir: string;
  beforeAll(async () => {
    tool = cosign(major);
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    dir = tempDir(`signet-interop-${major}-`);
    // cosign's own key pair (its generate-key-pair), and signet's, and a stranger's.
    const made = await tool.run(['generate-key-pair'], { password: PASSWORD, cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    for (const [prefix, format] of [['signet', 'sigstore'], ['stranger', 'cosign']] as const) {
      const pair = await generateKeyPair(new TextEncoder().encode(PASSWORD), format);
      writeFileSync(join(dir, `${prefix}.key`), pair.privateKeyPem);
      writeFileSync(join(dir, `${prefix}.pub`), pair.publicKeyPem);
    }
  }, 120_000);
  afterAll(async () => {
    client?.close();
    await registry?.stop();
  });

  const repoOf = (name: string): RepositoryRef => ({ registry: registry.host, repository: name });
  const image = async (name: string, tag = 'latest') => `${registry.host}/${name}@${(await pushRandomImage(client, repoOf(name), tag)).digest}`;
  const signet = (args: string[]) => runSignet(dir, args, { COSIGN_PASSWORD: PASSWORD });
  const formatFlag = (format: Format) => `--new-bundle-format=${format === 'bundle'}`;
  const digestOf = (ref: string) => ref.slice(ref.indexOf('@') + 1);

  it('loads the key pair made by cosign generate-key-pair', async () => {
    const key = await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'cosign.key'), 'utf8'));
    expect(key).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n/);
    const signer = await decryptPrivateKey(key, new TextEncoder().encode(PASSWORD));
    expect(signer.publicKeyPem()).toBe(await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'cosign.pub'), 'utf8')));
  });

  it.runIf(major === 'v3')('writes the bundle cosign v3 writes: same key, same image, equal bytes but for the signature and the time', async () => {
    const ref = await image('agree/app');
    const repo = repoOf('agree/app');
    const referrerOf = async (digest: string) => {
      const bytes = (await client.getManifest(repo, digest))!.bytes;
      const bundle = await client.getBlob(repo, parseReferrerManifest(bytes).layers[0]!.digest);
      return { text: Buffer.from(bytes).toString('utf8'), bundle: withoutProtojsonSpaces(Buffer.from(bundle).toString('utf8')) };
    };
    const listed = async () => parseReferrersIndex((await client.getManifest(repo, referrersTag(digestOf(ref))))!.bytes).map((d) => d.digest);
    expect((await tool.sign(join(dir, 'cosign.key'), ref, { password: PASSWORD, bundle: true })).code).toBe(0);
    const [cosignDigest] = await listed();
    expect((await signet(['sign', '--key', 'cosign.key', '--new-bundle-format', ref])).code).toBe(0);
    const signetDigest = (await listed()).find((d) => d !== cosignDigest)!;
    const theirs = await referrerOf(cosignDigest!);
    const ours = await referrerOf(signetDigest);
    // Random parts: the ECDSA signature (and with it the bundle's digest and size), the creation time,
    // and protojson's optional spaces after commas (removed above).
    const sigOf = (bundle: string) => (JSON.parse(bundle) as { dsseEnvelope: { signatures: { sig: string }[] } }).dsseEnvelope.signatures[0]!.sig;
    expect(ours.bundle).toBe(theirs.bundle.replace(sigOf(theirs.bundle), sigOf(ours.bundle)));
    const layerOf = (manifest: string) => JSON.stringify((JSON.parse(manifest) as { layers: unknown[] }).layers[0]);
    const createdOf = (manifest: string) => (JSON.parse(manifest) as { annotations: Record<string, string> }).annotations['org.opencontainers.image.created']!;
    expect(ours.text).toBe(theirs.text.replace(layerOf(theirs.text), layerOf(ours.text)).replace(createdOf(theirs.text), createdOf(ours.text)));
  });

  describe.each(['legacy', 'bundle'] as const)('%s format', (format) => {
    it('signet signs → cosign verify accepts; wrong key, tampered and transplanted are rejected', async () => {
      const ref = await image(`s2c-${format}/app`);
      const signed = await signet(['sign', '--key', 'signet.key', formatFlag(format), ref]);
      expect(signed.code, signed.stderr).toBe(0);
      const ok = await tool.verify(join(dir, 'signet.pub'), ref);
      expect(ok.code, ok.stderr).toBe(0);
      rejected(await tool.verify(join(dir, 'stranger.pub'), ref), 'wrong key');
      const other = await image(`s2c-${format}/app`, 'other');
      await transplant(client, repoOf(`s2c-${format}/app`), digestOf(ref), digestOf(other), format);
      rejected(await tool.verify(join(dir, 'signet.pub'), other), 'transplanted');
      await tamper(client, repoOf(`s2c-${format}/app`), digestOf(ref), format);
      rejected(await tool.verify(join(dir, 'signet.pub'), ref), 'tampered');
    });

    it('cosign signs → signet verify accepts; wrong key, tampered and transplanted are rejected', async () => {
      const ref = await image(`c2s-${format}/app`);
      const signed = await tool.sign(join(dir, 'cosign.key'), ref, { password: PASSWORD, bundle: format === 'bundle' });
      expect(signed.code, signed.stderr).toBe(0);
      const ok = await signet(['verify', '--key', 'cosign.pub', formatFlag(format), ref]);
      expect(ok.code, ok.stderr).toBe(0);
      expect((await signet(['verify', '--key', 'cosign.pub', ref])).code, 'auto').toBe(0);
      expect((await signet(['verify', '--key', 'stranger.pub', ref])).code).toBe(1);
      const other = await image(`c2s-${format}/app`, 'other');
      await transplant(client, repoOf(`c2s-${format}/app`), digestOf(ref), digestOf(other), format);
      expect((await signet(['verify', '--key', 'cosign.pub', other])).code).toBe(1);
      await tamper(client, repoOf(`c2s-${format}/app`), digestOf(ref), format);
      expect((await signet(['verify', '--key', 'cosign.pub', ref])).code).toBe(1);
    });
  });
});

/** cosign refused, and for a signature reason: not a network or trust-material failure. */
function rejected(run: { code: number; stdout: string; stderr: string }, what: string): void {
  if (process.env.SIGNET_SHOW_COSIGN === '1') process.stderr.write(`cosign ${what}: ${run.stderr.trim().split('\n').pop() ?? ''}\n`);
  expect(run.code, `${what}: ${run.stdout}`).not.toBe(0);
  expect(run.stderr, what).not.toMatch(/proxyconnect|tuf|trusted root is required/i);
}
