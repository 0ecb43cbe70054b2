/**
 * Times signet's key decryption in-process, for bench/decrypt-bench.ts: bundled and run as its own
 * Node process so that the first decryption is a cold one, as in a `signet sign` process.
 *
 *   node decrypt-timer.cjs KEY.pem COUNT     (password in COSIGN_PASSWORD; SIGNET_SCRYPT=node for node:crypto)
 *
 * Prints one JSON object: the implementation and, per decryption, wall and process CPU milliseconds
 * (all threads, so node:crypto's thread-pool work counts), like bench/cosign-decrypt does for cosign.
 */
import { readFileSync } from 'node:fs';

import { decryptPrivateKey } from '../src/signer/keys/index.js';
import { scryptImplementation } from '../src/signer/keys/scrypt.js';

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function main(): Promise<void> {
  const [keyPath, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!keyPath || !Number.isInteger(count) || count < 1) throw new Error('usage: decrypt-timer KEY.pem COUNT');
  const pem = readFileSync(keyPath);
  const password = new TextEncoder().encode(process.env.COSIGN_PASSWORD ?? '');
  const wallMs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const cpuStarted = cpuMs();
    const started = performance.now();
    await decryptPrivateKey(pem, password);
    wallMs.push(performance.now() - started);
    cpu.push(cpuMs() - cpuStarted);
  }
  process.stdout.write(`${JSON.stringify({ implementation: scryptImplementation(), wallMs, cpuMs: cpu })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`decrypt-timer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
