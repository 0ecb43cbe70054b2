/**
 * The `signet` command's entry, in the package (lib/bin/signet.cjs) and in the signer image
 * (/opt/signet/signet.cjs): starts the key's scrypt (key-ahead-start.ts), then compiles and runs the CLI
 * bundle beside it. Compiling the 350 KiB bundle takes 10–20 ms, which scrypt need not wait for.
 * The package also ships a V8 code cache of the bundle, made by its build; V8 rejects one made by
 * another Node version or with other flags, and the bundle then compiles as usual. The image has no
 * cache: its bytes differ from build to build, and the image must be reproducible.
 *
 * This file only ever runs as a CommonJS bundle (scripts/bundle.mjs), so `__dirname` and `require`
 * are the bundle's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

import { SIGNER_CLI_FILES } from '../../shared/constants.js';
import { CODE_CACHE_SUFFIX, wrapCommonJs } from './commonjs-wrapper.js';
import { CliError } from './errors.js';
import { errorLine, exitCodeFor } from './exit-codes.js';
import { handOverKeyAhead, mayDecryptKey } from './key-ahead.js';

const argv = process.argv.slice(2);
// the key modules (node:crypto among them) load only for a command that decrypts a key, and at once:
// `--help` and the other commands start as fast as a launcher that does nothing
handOverKeyAhead(mayDecryptKey(argv) ? (require('./key-ahead-start.js') as typeof import('./key-ahead-start.js')).startKeyAhead(argv, process.env, process.cwd()) : undefined);

const file = join(__dirname, SIGNER_CLI_FILES.bundle);
const source = readBundle(file);
if (source !== undefined) {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}${CODE_CACHE_SUFFIX}`);
  } catch {
    cachedData = undefined;
  }
  const cli = { exports: {} };
  const compiled = new Script(wrapCommonJs(source), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  (compiled.runInThisContext() as (...args: unknown[]) => void)(cli.exports, require, cli, file, __dirname);
}

/** The CLI bundle's text; a broken installation gets one line and exit 6, as any unreadable file does. */
function readBundle(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const failure = new CliError('CLI_FILE', `cannot read the CLI bundle beside the launcher (${path}); reinstall signet, or in a checkout run npm run build`, { cause: error });
    process.stderr.write(`${errorLine(failure)}\n`);
    process.exitCode = exitCodeFor(failure);
    return undefined;
  }
}
