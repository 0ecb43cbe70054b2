/**
 * Signing through a fault-injecting proxy in front of a real token-auth registry: every kind of
 * request the signer makes meets every kind of fault. Transient faults are retried to success;
 * persistent ones fail with a one-line RegistryError. Either way the registry never ends up with a
 * `.sig` manifest pointing at missing blobs, and the signature that was there before is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signImage } from '../../src/signer/cosign/sign.js';
import { SIGNATURE_ANNOTATION } from '../../src/signer/cosign/format.js';
import type { Signer } from '../../src/signer/keys/index.js';
import { createRegistryClient, RegistryError, type RegistryClient } from '../../src/signer/oci/index.js';
import { startFaultProxy, SIGNING_REQUEST_KINDS, type Fault, type FaultProxy, type RequestKind } from '../helpers/fault-proxy.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { newSigner, signatureState } from './_signature-state.js';

/** Small delays so dozens of retried signings stay within seconds. */
const FAST_RETRIES = { backoffBaseMs: 5, backoffMaxMs: 20, timeoutMs: 250, maxRetryAfterMs: 2000 } as const;

const TRANSIENT: readonly [string, Fault][] = [
  ['429 with Retry-After: 0', { type: 'status', status: 429, retryAfter: '0' }],
  ['500', { type: 'status', status: 500 }],
  ['502', { type: 'status', status: 502 }],
  ['503', { type: 'status', status: 503 }],
  ['connection reset', { type: 'reset' }],
  ['stalled answer (longer than the timeout)', { type: 'stall', ms: 1000 }],
  ['truncated body', { type: 'truncate' }],
];

describe('signing through injected registry faults', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let direct: RegistryClient;
  let alice: Signer;
  let bob: Signer;
  let counter = 0;

  beforeAll(async () => {
    registry = await startRegistry({ tokenAuth: true });
    proxy = await startFaultProxy({ target: registry.url, tokenRealm: registry.tokenServer!.realm });
    direct = createRegistryClient({ pushIntent: true });
    [alice, bob] = await Promise.all([newSigner(), newSigner()]);
  });
  afterAll(async () => {
    direct?.close();
    await proxy?.stop();
    await registry?.stop();
  });

  /** A fresh image already signed by alice (directly), and a tag reference to it through the proxy. */
  async function signedImage(): Promise<{ repository: string; digest: string; viaProxy: string; aliceSignature: string }> {
    counter += 1;
    const repository = `faults/app${counter}`;
    const image = await pushRandomImage(direct, { registry: registry.host, repository }, 'v1');
    const first = await signImage({ reference: `${registry.host}/${repository}@${image.digest}`, signer: alice, client: direct, confirmDelayMs: 0 });
    return { repository, digest: image.digest, viaProxy: `${proxy.host}/${repository}:v1`, aliceSignature: first.signature };
  }

  async function expectIntact(repository: string, digest: string, signatures: readonly string[]): Promise<void> {
    const state = await signatureState(direct, { registry: registry.host, repository }, digest);
    expect(state.found).toBe(true);
    expect(state.missingBlobs).toEqual([]);
    const stored = state.layers.map((l) => l.annotations?.[SIGNATURE_ANNOTATION]);
    for (const s of signatures) expect(stored).toContain(s);
  }

  describe.each(SIGNING_REQUEST_KINDS.map((k) => [k]))('a transient fault on %s', (kind: RequestKind) => {
    it.each(TRANSIENT)('%s: retried, signed, nothing lost', async (_name, fault) => {
      const image = await signedImage();
      proxy.setRules([{ kind, fault, times: 1 }]);
      const client = createRegistryClient({ pushIntent: true, ...FAST_RETRIES });
      try {
        const result = await signImage({ reference: image.viaProxy, signer: bob, client, confirmDelayMs: 0 });
        expect(result.digest).toBe(image.digest);
        expect(proxy.faulted().length).toBe(1);
        await expectIntact(image.repository, image.digest, [image.aliceSignature, result.signature]);
      } finally {
        client.close();
        proxy.setRules([]);
      }
    });
  });

  describe.each(SIGNING_REQUEST_KINDS.map((k) => [k]))('a persistent fault on %s', (kind: RequestKind) => {
    it.each([
      ['503', { type: 'status', status: 503 }],
      ['connection reset', { type: 'reset' }],
    ] as [string, Fault][])('%s: fails with one line after bounded retries, keeps the old signature', async (_name, fault) => {
      const image = await signedImage();
      proxy.setRules([{ kind, fault, times: Infinity }]);
      const client = createRegistryClient({ pushIntent: true, ...FAST_RETRIES });
      try {
        const error = await signImage({ reference: image.viaProxy, signer: bob, client, confirmDelayMs: 0 }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(RegistryError);
        const message = (error as RegistryError).message;
        expect(message).not.toContain('\n');
        expect(message).toMatch(/^(registry answered 503|cannot reach registry: ECONNRESET)/);
        // 4 tries per request (the transport default), not more; the payload and config blobs of a
        // first signature go up at once, and both are tried to the end before the signing fails.
        expect(proxy.faulted().length).toBe(kind.startsWith('upload-') ? 8 : 4);
        await expectIntact(image.repository, image.digest, [image.aliceSignature]);
      } finally {
        client.close();
        proxy.setRules([]);
      }
    });
  });

  it('honours Retry-After in seconds, and refuses one above the limit at once', async () => {
    const image = await signedImage();
    const client = createRegistryClient({ pushIntent: true, ...FAST_RETRIES });
    try {
      proxy.setRules([{ kind: 'manifest-put', fault: { type: 'status', status: 429, retryAfter: '1' }, times: 1 }]);
      const signed = await signImage({ reference: image.viaProxy, signer: bob, client, confirmDelayMs: 0 });
      await expectIntact(image.repository, image.digest, [image.aliceSignature, signed.signature]);

      const other = await signedImage();
      proxy.setRules([{ kind: 'manifest-put', fault: { type: 'status', status: 429, retryAfter: '3600' }, times: Infinity }]);
      const error = (await signImage({ reference: other.viaProxy, signer: bob, client, confirmDelayMs: 0 }).catch((e: unknown) => e)) as RegistryError;
      expect(error.code).toBe('REGISTRY_RATE_LIMITED');
      expect(error.message).toMatch(/retry after 3600 s, longer than the 2 s limit: 429/);
      expect(proxy.faulted().length).toBe(1);
      await expectIntact(other.repository, other.digest, [other.aliceSignature]);
    } finally {
      client.close();
      proxy.setRules([]);
    }
  });

  it('a manifest PUT that lands but is never answered in time fails clearly and leaves a complete .sig', async () => {
    const image = await signedImage();
    proxy.setRules([{ kind: 'manifest-put', fault: { type: 'stall', ms: 1000 }, times: Infinity }]);
    const client = createRegistryClient({ pushIntent: true, ...FAST_RETRIES });
    try {
      const error = (await signImage({ reference: image.viaProxy, signer: bob, client, confirmDelayMs: 0 }).catch((e: unknown) => e)) as RegistryError;
      expect(error.code).toBe('REGISTRY_TIMEOUT');
      expect(error.message).not.toContain('\n');
      const state = await signatureState(direct, { registry: registry.host, repository: image.repository }, image.digest);
      expect(state.missingBlobs).toEqual([]);
      expect(state.layers.map((l) => l.annotations?.[SIGNATURE_ANNOTATION])).toContain(image.aliceSignature);
    } finally {
      client.close();
      proxy.setRules([]);
    }
  });

  it('faults on several kinds at once, each once, still end in one complete signature', async () => {
    const image = await signedImage();
    proxy.setRules(SIGNING_REQUEST_KINDS.map((kind, i) => ({ kind, fault: TRANSIENT[i % TRANSIENT.length]![1], times: 1 })));
    const client = createRegistryClient({ pushIntent: true, ...FAST_RETRIES });
    try {
      const result = await signImage({ reference: image.viaProxy, signer: bob, client, confirmDelayMs: 0 });
      expect(proxy.faulted().length).toBe(SIGNING_REQUEST_KINDS.length);
      await expectIntact(image.repository, image.digest, [image.aliceSignature, result.signature]);
      const state = await signatureState(direct, { registry: registry.host, repository: image.repository }, image.digest);
      expect(state.layers).toHaveLength(2);
    } finally {
      client.close();
      proxy.setRules([]);
    }
  });
});
