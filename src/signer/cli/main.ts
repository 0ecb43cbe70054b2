/**
 * Entry point of the `signet` CLI (the bundler starts here). The only side effects are starting the
 * key's scrypt and running the CLI; the logic lives in run.ts, which tests call with an injected io.
 */
import { startKeyAhead, takeHandedOverKeyAhead } from './key-ahead.js';
import { nodeIo } from './node-io.js';
import { runCli } from './run.js';

const argv = process.argv.slice(2);
// before anything else: a key's scrypt is most of a signature's time (key-ahead.ts); the launcher
// (launch.ts) started it before this bundle was compiled, `node signet-cli.cjs` starts it here
const keyAhead = (takeHandedOverKeyAhead() ?? { ahead: startKeyAhead(argv, process.env, process.cwd()) }).ahead;
void runCli(argv, { ...nodeIo(), ...(keyAhead === undefined ? {} : { keyAhead }) }).then((code) => {
  process.exitCode = code;
});
