import { homedir } from 'node:os';

import type { ScryptAhead } from '../keys/index.js';
import { fdWriter } from './fd-output.js';
import type { CliIo } from './io.js';

/**
 * The real {@link CliIo} on `process`, with the scrypt started at launch when there is one. (Pass it
 * here rather than spreading the result: a spread would run the `stdinIsTty` getter.)
 */
export function nodeIo(keyAhead?: ScryptAhead): CliIo {
  return {
    // fd 1 and 2 written directly: no stream set-up (fd-output.ts)
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    env: process.env,
    cwd: process.cwd(),
    homeDir: homedir(),
    // isatty(0), not process.stdin.isTTY: touching process.stdin builds a stream over fd 0, which costs
    // `signet --help` about a fifth of a bare node start (docs/benchmarks.md). And only when asked (a
    // password prompt): node:tty loads node:net and the stream modules, another tenth.
    get stdinIsTty() {
      return process.getBuiltinModule('node:tty').isatty(0);
    },
    promptHidden,
    readStdin,
    ...(keyAhead === undefined ? {} : { keyAhead }),
  };
}

/** Reads standard input to its end as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a TTY in raw mode, echoing nothing (the password never reaches the screen). */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let answer = '';
    const finish = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error === undefined) resolve(answer);
      else reject(error);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('interrupted'));
        if (char === '\u0004') return finish();
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
