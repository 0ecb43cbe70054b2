/**
 * signet against the real cosign (v3, built by scripts/ensure-go-tools.mjs), in one run, interleaved:
 * wall time of one `signet sign` process and one `cosign sign --key` process (offline, no
 * transparency log) for a first signature of a fresh image, per format, on the same loopback
 * registry with the same key; requests per signature for each signet format; and key decryption
 * (scrypt N=32768) as `public-key` processes of both tools. Formats: the `.sig` tag and the bundle
 * on Debian's docker-registry (no referrers API: the bundle goes through the `sha256-<hex>` index),
 * and the bundle on go-containerregistry's registry with the referrers API (test/tools), when built.
 * signet runs as the bundled CLI (`node signet.cjs`, what the signer image runs) and, in a full
 * `npm run bench`, also as the installed `signet` command (the package's bin, which compiles the
 * bundle through the V8 code cache the build made), interleaved with the other two.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { signImageBundle } from '../src/signer/cosign/sign-bundle.js';
import { signImage } from '../src/signer/cosign/sign.js';
import { decryptPrivateKey } from '../src/signer/keys/index.js';
import { createRegistryClient, type RequestEvent } from '../src/signer/oci/index.js';
import { toolPath } from '../scripts/ensure-go-tools.mjs';
import { startReferrersRegistry } from '../test/helpers/referrers-registry.js';
import { pushRandomImage, startRegistry } from '../test/helpers/registry.js';
import { cosignSignArgs, signingSetup } from './signing-setup.js';
import { median, round, timeMs } from './stats.js';

/** One format's comparison. */
export interface FormatComparison {
  readonly signetMs: number;
  readonly cosignMs: number;
  /** signet / cosign; ≤ 1 means signet is at least as fast. */
  readonly ratio: number;
  /** The installed `signet` command (the package's bin), when the run installed the package. @default - not measured */
  readonly installedMs?: number;
  /** installed / cosign. @default - not measured */
  readonly installedRatio?: number;
  /**
   * HTTP requests of one signet signature of an unsigned image by digest (no auth), made the way the
   * CLI makes them: with the key still decrypting while the key-free requests run.
   */
  readonly signetRequests: number;
}

/** What the cosign comparison measured, or why it did not run. */
export type CosignComparison =
  | {
      readonly cosignVersion: string;
      readonly runs: number;
      readonly legacy: FormatComparison;
      readonly bundle: FormatComparison;
      /** The bundle on a registry with the referrers API; undefined when that registry is not built. */
      readonly bundleApi?: FormatComparison;
      readonly decryptSignetMs: number;
      readonly decryptCosignMs: number;
      readonly decryptRatio: number;
    }
  | { readonly skipped: string };

const PASSWORD = 'bench-password';

/**
 * Runs the comparison; `cli` is the bundled signet CLI, `installedBin` the package's `signet` bin file
 * after an `npm install` of the tarball (measured too when given).
 */
export async function runCosignBench(cli: string, workDir: string, log: (line: string) => void, runs: number, installedBin?: string): Promise<CosignComparison> {
  const cosign = toolPath('cosign-v3');
  if (!existsSync(cosign)) return { skipped: 'cosign v3 is not built; run node scripts/ensure-go-tools.mjs cosign-v3' };
  const registry = await startRegistry();
  const apiRegistry = existsSync(toolPath('referrers-registry')) ? await startReferrersRegistry() : undefined;
  const client = createRegistryClient({ pushIntent: true });
  try {
    const { keyPath, privateKeyPem, env } = await signingSetup(workDir, PASSWORD);
    const exec = (file: string, args: string[]): void => void execFileSync(file, args, { env, stdio: 'ignore' });
    const signetSign = (ref: string, bundle: boolean, file = cli) => exec(process.execPath, [file, 'sign', '--key', keyPath, ...(bundle ? ['--new-bundle-format'] : []), ref]);
    const cosignSign = (ref: string, bundle: boolean) => exec(cosign, cosignSignArgs(keyPath, ref, bundle));
    type Format = 'legacy' | 'bundle' | 'bundleApi';
    const hostOf = (format: Format): string => (format === 'bundleApi' ? apiRegistry!.host : registry.host);
    const fresh = async (repository: string, format: Format = 'legacy'): Promise<string> =>
      `${hostOf(format)}/${repository}@${(await pushRandomImage(client, { registry: hostOf(format), repository }, `t${Math.random()}`)).digest}`;
    const formats: Format[] = apiRegistry === undefined ? ['legacy', 'bundle'] : ['legacy', 'bundle', 'bundleApi'];

    const times = {
      signet: { legacy: [] as number[], bundle: [] as number[], bundleApi: [] as number[] },
      installed: { legacy: [] as number[], bundle: [] as number[], bundleApi: [] as number[] },
      cosign: { legacy: [] as number[], bundle: [] as number[], bundleApi: [] as number[] },
    };
    type Who = keyof typeof times;
    const contenders: Who[] = installedBin === undefined ? ['signet', 'cosign'] : ['signet', 'installed', 'cosign'];
    const run = (who: Who, ref: string, bundle: boolean): void =>
      who === 'cosign' ? cosignSign(ref, bundle) : signetSign(ref, bundle, who === 'installed' ? (installedBin as string) : cli);
    for (let i = 0; i < runs; i += 1) {
      for (const format of formats) {
        const bundle = format !== 'legacy';
        // Interleaved, rotating who goes first, each on a fresh image.
        const order = contenders.map((_, k) => contenders[(i + k) % contenders.length] as Who);
        for (const who of order) {
          const ref = await fresh(`cmp/${who}-${format.toLowerCase()}`, format);
          times[who][format].push(await timeMs(() => run(who, ref, bundle)));
        }
      }
    }

    const count = async (format: Format): Promise<number> => {
      const ref = await fresh('cmp/count', format);
      const events: RequestEvent[] = [];
      const counting = createRegistryClient({ pushIntent: true, onRequest: (e) => events.push(e) });
      // As the CLI does: the key decrypts while the requests that need no key run.
      const signer = decryptPrivateKey(privateKeyPem, new TextEncoder().encode(PASSWORD));
      try {
        if (format !== 'legacy') await signImageBundle({ reference: ref, signer, client: counting });
        else await signImage({ reference: ref, signer, client: counting });
      } finally {
        counting.close();
      }
      return events.length;
    };

    const decrypt = { signet: [] as number[], cosign: [] as number[] };
    for (let i = 0; i < runs; i += 1) {
      decrypt.signet.push(await timeMs(() => exec(process.execPath, [cli, 'public-key', '--key', keyPath])));
      decrypt.cosign.push(await timeMs(() => exec(cosign, ['public-key', '--key', keyPath])));
    }

    const compare = async (format: Format): Promise<FormatComparison> => {
      const signetMs = round(median(times.signet[format]));
      const cosignMs = round(median(times.cosign[format]));
      const installedMs = installedBin === undefined ? undefined : round(median(times.installed[format]));
      return {
        signetMs,
        cosignMs,
        ratio: round(signetMs / cosignMs, 2),
        signetRequests: await count(format),
        ...(installedMs === undefined ? {} : { installedMs, installedRatio: round(installedMs / cosignMs, 2) }),
      };
    };
    const decryptSignetMs = round(median(decrypt.signet));
    const decryptCosignMs = round(median(decrypt.cosign));
    const version = execFileSync(cosign, ['version'], { env, encoding: 'utf8' }).match(/GitVersion:\s+(\S+)/)?.[1] ?? 'unknown';
    const result: CosignComparison = {
      cosignVersion: version,
      runs,
      legacy: await compare('legacy'),
      bundle: await compare('bundle'),
      ...(apiRegistry === undefined ? {} : { bundleApi: await compare('bundleApi') }),
      decryptSignetMs,
      decryptCosignMs,
      decryptRatio: round(decryptSignetMs / decryptCosignMs, 2),
    };
    log(`cosign comparison: ${JSON.stringify(result)}`);
    return result;
  } finally {
    client.close();
    await registry.stop();
    await apiRegistry?.stop();
  }
}
