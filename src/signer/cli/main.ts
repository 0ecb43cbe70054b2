/**
 * Entry point of the `signet` CLI (the bundler starts here). The only side effect is running it;
 * the logic lives in run.ts, which tests call with an injected io.
 */
import { nodeIo } from './node-io.js';
import { runCli } from './run.js';

void runCli(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
