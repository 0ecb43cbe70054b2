/**
 * Malformed registry answers, injected by the fault proxy in front of a real token-auth registry:
 * invalid JSON, wrong media types, oversized bodies, content that does not match its digest, a token
 * server without a token, an upload without a Location. `sign` and `verify` each give one line and
 * the documented exit code (4 registry, 5 malformed signature data, 1 nothing verified: an altered
 * payload blob is a rejected signature, as in cosign), and the
 * registry is left as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signImage } from '../../src/signer/cosign/sign.js';
import { decryptPrivateKey, generateKeyPair } from '../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient } from '../../src/signer/oci/index.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../helpers/fault-proxy.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { signatureState } from '../faults/_signature-state.js';
import { expectCleanFailure, runSignet } from './_cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const PASSWORD = 'registry-bad-input';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

const mutateBody = (f: (body: Buffer) => Buffer): FaultRule['fault'] => ({
  type: 'mutate',
  change: (real) => ({ ...real, body: f(Buffer.from(real.body)) }),
});

/** [name, command, rule, exit code, stderr pattern] */
const CASES: [string, 'sign' | 'verify', FaultRule, number, RegExp][] = [
  ['.sig manifest that is not JSON', 'sign', { kind: 'manifest-get', pathIncludes: '.sig', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: '{"schemaVersion": 2, "layers": [' } } }, 5, /manifest/],
  ['.sig manifest that is not JSON', 'verify', { kind: 'manifest-get', pathIncludes: '.sig', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: 'not json at all' } } }, 5, /manifest/],
  ['.sig manifest served as text/html', 'sign', { kind: 'manifest-get', pathIncludes: '.sig', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>login</body></html>' } } }, 5, /manifest/],
  ['.sig manifest of the wrong media type', 'verify', { kind: 'manifest-get', pathIncludes: '.sig', fault: { type: 'mutate', change: () => ({ status: 200, headers: { 'content-type': 'application/vnd.docker.distribution.manifest.list.v2+json' }, body: new TextEncoder().encode('{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[]}') }) } }, 5, /manifest/],
  ['.sig manifest larger than 4 MiB', 'sign', { kind: 'manifest-get', pathIncludes: '.sig', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: 'x'.repeat(5 * 1024 * 1024) } } }, 4, /larger than allowed/],
  ['.sig manifest larger than 4 MiB', 'verify', { kind: 'manifest-get', pathIncludes: '.sig', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: 'x'.repeat(5 * 1024 * 1024) } } }, 4, /larger than allowed/],
  ['.sig manifest altered (digest header no longer matches)', 'sign', { kind: 'manifest-get', pathIncludes: '.sig', fault: mutateBody((b) => Buffer.from(b.toString('utf8').replace('"schemaVersion":2', '"schemaVersion":2 '))) }, 4, /digest/],
  ['.sig manifest altered (digest header no longer matches)', 'verify', { kind: 'manifest-get', pathIncludes: '.sig', fault: mutateBody((b) => Buffer.from(b.toString('utf8').replace('"schemaVersion":2', '"schemaVersion":2 '))) }, 4, /digest/],
  ['payload blob altered', 'verify', { kind: 'blob-get', fault: mutateBody((b) => Buffer.from(b.toString('utf8').replace('cosign container image signature', 'cosign container image signaturE'))) }, 1, /payload blob does not match its digest/],
  ['payload blob larger than allowed', 'verify', { kind: 'blob-get', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(17 * 1024 * 1024, 0x61) } } }, 4, /larger than allowed/],
  ['tag resolved to a digest that is not a digest', 'sign', { kind: 'manifest-head', fault: { type: 'mutate', change: (real) => ({ ...real, headers: { ...real.headers, 'docker-content-digest': 'sha256:nothex' } }) } }, 0, /warning/],
  ['token answer that is not JSON', 'sign', { kind: 'token', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': 'application/json' }, body: '<html>' } } }, 4, /without a token/],
  ['token answer without a token', 'verify', { kind: 'token', fault: { type: 'respond', response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"expires_in":60}' } } }, 4, /without a token/],
  ['upload started without a Location', 'sign', { kind: 'upload-post', fault: { type: 'respond', response: { status: 202, headers: {} } } }, 4, /without a Location/],
  ['upload refused with an OCI error document', 'sign', { kind: 'upload-put', fault: { type: 'respond', response: { status: 400, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"code":"DIGEST_INVALID","message":"nope"}]}' } } }, 4, /400 DIGEST_INVALID/],
  ['manifest PUT refused with an HTML page', 'sign', { kind: 'manifest-put', fault: { type: 'respond', response: { status: 413, headers: { 'content-type': 'text/html' }, body: '<html>too large</html>' } } }, 4, /413/],
];

describe('malformed registry responses', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let direct: RegistryClient;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    registry = await startRegistry({ tokenAuth: true });
    proxy = await startFaultProxy({ target: registry.url, tokenRealm: registry.tokenServer!.realm });
    direct = createRegistryClient({ pushIntent: true });
    dir = tempDir('signet-bad-registry-');
    const pair = await generateKeyPair(new TextEncoder().encode(PASSWORD));
    writeFileSync(join(dir, 'cosign.key'), pair.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'cosign.pub'), pair.publicKeyPem);
  });
  afterAll(async () => {
    direct?.close();
    await proxy?.stop();
    await registry?.stop();
  });

  it.each(CASES)('%s (%s)', async (_name, command, rule, exitCode, pattern) => {
    n += 1;
    const repository = `bad/app${n}`;
    const repo = { registry: registry.host, repository };
    const image = await pushRandomImage(direct, repo, 'v1');
    // A signature by the same key already there, so verify reaches the signature checks.
    const signer = await decryptPrivateKey(readFileSync(join(dir, 'cosign.key'), 'utf8'), new TextEncoder().encode(PASSWORD));
    await signImage({ reference: `${registry.host}/${repository}@${image.digest}`, signer, client: direct, confirmDelayMs: 0 });
    const before = await signatureState(direct, repo, image.digest);

    proxy.setRules([{ ...rule, times: Infinity }]);
    const key = join(dir, command === 'sign' ? 'cosign.key' : 'cosign.pub');
    const reference = `${proxy.host}/${repository}${exitCode === 0 ? ':v1' : `@${image.digest}`}`;
    const run = await runSignet(dir, [command, '--key', key, reference], { COSIGN_PASSWORD: PASSWORD });
    const faulted = proxy.faulted().length;
    proxy.setRules([]);

    expect(faulted).toBeGreaterThan(0);
    if (exitCode === 0) {
      // A HEAD without a usable digest is answered by a GET that computes it: still signed, by digest.
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${proxy.host}/${repository}@${image.digest}\n`);
      expect(run.stderr).toMatch(pattern);
    } else {
      expectCleanFailure(run, exitCode, [PASSWORD]);
      expect(run.stderr).toMatch(pattern);
      const after = await signatureState(direct, repo, image.digest);
      expect(after).toEqual(before);
    }
  });
});
