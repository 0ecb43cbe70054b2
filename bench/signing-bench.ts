/**
 * Signing benchmark against a local distribution registry (loopback): requests per signature, one
 * `signet sign` broken down, and a batch of 100 images signed by one process.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { signImages } from '../src/signer/cosign/sign-images.js';
import { signImage } from '../src/signer/cosign/sign.js';
import { simpleSigningPayload } from '../src/signer/cosign/format.js';
import { decryptPrivateKey, generateKeyPair } from '../src/signer/keys/index.js';
import { createRegistryClient, type RequestEvent } from '../src/signer/oci/index.js';
import { pushRandomImage, startRegistry } from '../test/helpers/registry.js';
import { median, round, timeMs } from './stats.js';

/** What the signing benchmark measured. */
export interface SigningResult {
  /** HTTP requests to sign an unsigned image by digest: no auth, and with token auth. */
  readonly requestsPerSignature: number;
  readonly requestsPerSignatureTokenAuth: number;
  /** Median ms of each part of one signing (see docs/benchmarks.md). */
  readonly keyDecryptionMs: number;
  readonly hashAndSignMs: number;
  readonly registryRoundTripsMs: number;
  /** Median of signImage's measured wait before re-reading the `.sig` manifest (default options, no concurrent signer). */
  readonly confirmWaitMs: number;
  /** Median wall time of the bundled `signet sign` process. */
  readonly cliSignProcessMs: number;
  /** Median ms to sign 100 images (10 repositories) in one process, key decryption included. */
  readonly batch100Ms: number;
  readonly batchConcurrency: number;
}

const PASSWORD = 'bench-password';

/** Runs the signing benchmark; `cli` is the bundled CLI file. */
export async function runSigningBench(cli: string, workDir: string, log: (line: string) => void): Promise<SigningResult> {
  const registry = await startRegistry();
  const tokenRegistry = await startRegistry({ tokenAuth: true });
  const client = createRegistryClient({ pushIntent: true });
  try {
    const pair = await generateKeyPair(new TextEncoder().encode(PASSWORD));
    const keyPath = join(workDir, 'bench.key');
    writeFileSync(keyPath, pair.privateKeyPem, { mode: 0o600 });

    const decrypt: number[] = [];
    let signer = await decryptPrivateKey(pair.privateKeyPem, new TextEncoder().encode(PASSWORD));
    for (let i = 0; i < 5; i += 1) decrypt.push(await timeMs(async () => (signer = await decryptPrivateKey(pair.privateKeyPem, new TextEncoder().encode(PASSWORD)))));

    const payload = simpleSigningPayload({ dockerReference: `${registry.host}/bench/one`, manifestDigest: `sha256:${'d'.repeat(64)}` });
    const signTimes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      signTimes.push(
        (await timeMs(() => {
          for (let j = 0; j < 100; j += 1) {
            createHash('sha256').update(payload).digest();
            signer.sign(payload);
          }
        })) / 100,
      );
    }

    const count = async (host: string): Promise<number> => {
      const repo = { registry: host, repository: 'bench/count' };
      const pusher = createRegistryClient({ pushIntent: true });
      const image = await pushRandomImage(pusher, repo);
      pusher.close();
      const events: RequestEvent[] = [];
      const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
      try {
        await signImage({ reference: `${host}/bench/count@${image.digest}`, signer, client: counting });
      } finally {
        counting.close();
      }
      return events.length;
    };
    const requestsPerSignature = await count(registry.host);
    const requestsPerSignatureTokenAuth = await count(tokenRegistry.host);

    const confirmWaits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'bench/wait' }, `t${i}`);
      const fresh = createRegistryClient({ pushIntent: true });
      const sleep = (ms: number): Promise<void> => {
        confirmWaits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      };
      await signImage({ reference: `${registry.host}/bench/wait@${image.digest}`, signer, client: fresh, sleep });
      fresh.close();
    }

    const roundTrips: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'bench/rt' }, `t${i}`);
      const fresh = createRegistryClient({ pushIntent: true });
      roundTrips.push(await timeMs(() => signImage({ reference: `${registry.host}/bench/rt@${image.digest}`, signer, client: fresh, confirmDelayMs: 0 })));
      fresh.close();
    }

    const cliRuns: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const image = await pushRandomImage(client, { registry: registry.host, repository: 'bench/cli' }, `t${i}`);
      cliRuns.push(
        await timeMs(() =>
          execFileSync(process.execPath, [cli, 'sign', '--key', keyPath, `${registry.host}/bench/cli@${image.digest}`], {
            env: { PATH: process.env.PATH ?? '', COSIGN_PASSWORD: PASSWORD, HOME: workDir, DOCKER_CONFIG: join(workDir, 'none') },
            stdio: 'ignore',
          }),
        ),
      );
    }

    const concurrency = 8;
    const batches: number[] = [];
    for (let rep = 0; rep < 3; rep += 1) {
      const refs: string[] = [];
      for (let i = 0; i < 100; i += 1) {
        const repository = `bench/batch${rep}-${i % 10}`;
        const image = await pushRandomImage(client, { registry: registry.host, repository }, `v${i}`);
        refs.push(`${registry.host}/${repository}@${image.digest}`);
      }
      batches.push(
        await timeMs(async () => {
          const batchSigner = await decryptPrivateKey(pair.privateKeyPem, new TextEncoder().encode(PASSWORD));
          const outcomes = await signImages({ references: refs, signer: batchSigner, concurrency });
          const failed = outcomes.filter((o) => !o.ok).length;
          if (failed > 0) throw new Error(`batch signing failed for ${failed} images`);
        }),
      );
    }

    const result: SigningResult = {
      requestsPerSignature,
      requestsPerSignatureTokenAuth,
      keyDecryptionMs: round(median(decrypt)),
      hashAndSignMs: round(median(signTimes), 3),
      registryRoundTripsMs: round(median(roundTrips)),
      confirmWaitMs: round(median(confirmWaits)),
      cliSignProcessMs: round(median(cliRuns)),
      batch100Ms: round(median(batches)),
      batchConcurrency: concurrency,
    };
    log(`signing: ${JSON.stringify(result)}`);
    return result;
  } finally {
    client.close();
    await registry.stop();
    await tokenRegistry.stop();
  }
}
