/**
 * Entry point of the `signet` CLI (the bundler starts here). The only side effects are starting the
 * key's scrypt and running the CLI; the logic lives in run.ts, which tests call with an injected io.
 */
import type { ScryptAhead } from '../keys/index.js';
import { mayDecryptKey, takeHandedOverKeyAhead } from './key-ahead.js';
import { nodeIo } from './node-io.js';
import { runCli } from './run.js';

const argv = process.argv.slice(2);
void keyAhead()
  .then((ahead) => runCli(argv, nodeIo(ahead)))
  // Exit at once rather than when the event loop drains: every output line is already written
  // (fd-output.ts writes synchronously) and every file a command writes is awaited; what is left is a
  // heap teardown and, after a command that failed early, a key derivation nobody will use.
  .then((code) => process.exit(code));

/**
 * A key's scrypt is most of a signature's time (key-ahead-start.ts): the launcher (launch.ts) started
 * it before this bundle was compiled; run without the launcher (`node signet-cli.cjs`, tsx), start it here.
 */
async function keyAhead(): Promise<ScryptAhead | undefined> {
  const handed = takeHandedOverKeyAhead();
  if (handed !== undefined) return handed.ahead;
  return mayDecryptKey(argv) ? (await import('./key-ahead-start.js')).startKeyAhead(argv, process.env, process.cwd()) : undefined;
}
