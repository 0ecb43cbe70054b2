/**
 * A registry that implements the OCI 1.1 referrers API: go-containerregistry's in-memory registry
 * (test/tools/referrers-registry, built by scripts/ensure-go-tools.mjs) on 127.0.0.1 and a free
 * port. It exits when our end of its stdin closes, so a killed test run leaves nothing behind.
 */
import { spawn } from 'node:child_process';

import { goTool } from './go-tools.js';

/** A running referrers-capable registry. */
export interface ReferrersRegistry {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  stop(): Promise<void>;
}

/** Starts the registry and waits for its "listening on" line. */
export async function startReferrersRegistry(): Promise<ReferrersRegistry> {
  const child = spawn(goTool('referrers-registry'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const host = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`referrers-registry did not start: ${out}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => reject(new Error(`referrers-registry exited: ${out}`)));
  });
  return {
    host,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
