/**
 * Finding 7: `sign REPO@sha256:<digest that does not exist>` must not write a signature for nothing.
 * sign checks the image with one manifest `HEAD` (by digest; a tag's resolving `HEAD` already is that
 * check), counted in the request budget: a first signature by digest takes at most 8 requests.
 */
import { rmSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signatureTag } from '../../../src/signer/cosign/format.js';
import { signImage, SigningError } from '../../../src/signer/cosign/sign.js';
import type { Signer } from '../../../src/signer/keys/index.js';
import { createRegistryClient, type RegistryClient, type RequestEvent } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { expectCleanFailure } from '../../bad-input/_cli.js';
import { fakeImageDigest, KEY_ENV, keyFolder } from './_signatures.js';

describe('hostile input: signing an image that does not exist', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let dir: string;
  let signer: Signer;

  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    ({ dir, signer } = await keyFolder());
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const counting = () => {
    const events: RequestEvent[] = [];
    return { events, client: createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) }) };
  };

  it('fails with one HEAD and writes nothing (library)', async () => {
    await pushRandomImage(client, { registry: registry.host, repository: 'missing/app' });
    const missing = fakeImageDigest('never pushed');
    const c = counting();
    try {
      const error = await signImage({ reference: `${registry.host}/missing/app@${missing}`, signer, client: c.client }).catch((e: unknown) => e);
      expect((error as SigningError).code).toBe('SIGN_IMAGE_NOT_FOUND');
      expect(c.events.map((e) => `${e.method} ${e.status}`)).toEqual(['HEAD 404']);
    } finally {
      c.client.close();
    }
    expect(await client.getManifest({ registry: registry.host, repository: 'missing/app' }, signatureTag(missing))).toBeUndefined();
  });

  it('fails with one clear line and the image-not-found exit code (CLI)', async () => {
    const missing = fakeImageDigest('never pushed either');
    const run = await runSignet(dir, ['sign', '--key', 'cosign.key', `${registry.host}/missing/cli@${missing}`], KEY_ENV);
    expectCleanFailure(run, 7);
    expect(run.stderr).toMatch(/image not found/);
    expect(await client.getManifest({ registry: registry.host, repository: 'missing/cli' }, signatureTag(missing))).toBeUndefined();
  });

  it('signs an existing image by digest in at most 8 requests, the HEAD first', async () => {
    const image = await pushRandomImage(client, { registry: registry.host, repository: 'exists/app' });
    const c = counting();
    try {
      // A frozen clock: whether a read counts as stale must not depend on this machine's load.
      await signImage({ reference: `${registry.host}/exists/app@${image.digest}`, signer, client: c.client, clock: () => 0 });
    } finally {
      c.client.close();
    }
    const seen = c.events.map((e) => `${e.method} ${e.status}`);
    // the existence HEAD first; then the payload and config uploads (at once), the read, the PUT, the confirming read
    expect(seen[0]).toBe('HEAD 200');
    expect(seen.slice(1, 5).sort()).toEqual(['POST 202', 'POST 202', 'PUT 201', 'PUT 201']);
    expect(seen.slice(5)).toEqual(['GET 404', 'PUT 201', 'GET 200']);
  });

  it('signs a tag with no extra HEAD: resolving it proves the image exists', async () => {
    await pushRandomImage(client, { registry: registry.host, repository: 'exists/tagged' }, 'v1');
    const c = counting();
    try {
      await signImage({ reference: `${registry.host}/exists/tagged:v1`, signer, client: c.client, clock: () => 0 });
    } finally {
      c.client.close();
    }
    expect(c.events.filter((e) => e.method === 'HEAD')).toHaveLength(1);
    expect(c.events.length).toBeLessThanOrEqual(8);
  });
});
