/**
 * Entry point of the `signet` CLI (the bundler starts here). The only side effects are starting the
 * key's scrypt and running the CLI; the logic lives in run.ts, which tests call with an injected io.
 */
import { startKeyAhead } from './key-ahead.js';
import { nodeIo } from './node-io.js';
import { runCli } from './run.js';

const argv = process.argv.slice(2);
// before anything else: a key's scrypt is most of a signature's time (key-ahead.ts)
const keyAhead = startKeyAhead(argv, process.env, process.cwd());
void runCli(argv, { ...nodeIo(), ...(keyAhead === undefined ? {} : { keyAhead }) }).then((code) => {
  process.exitCode = code;
});
