/**
 * A real Docker credential helper for tests: `docker-credential-<name>` as a POSIX shell script in a
 * temporary bin directory. It records every call (argument and stdin) and answers `get` from a
 * table of server URL → credentials, in a behaviour chosen per test (ok, fail, garbage, hang, big).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the helper answers `get`. */
export type HelperMode = 'ok' | 'fail' | 'garbage' | 'hang' | 'big' | 'no-read';

/** One recorded call. */
export interface HelperCall {
  readonly action: string;
  /** Exactly what was written to stdin (the protocol sends no newline). */
  readonly stdin: string;
}

/** A helper program on disk. */
export interface FakeCredentialHelper {
  /** Directory to put first on `PATH`. */
  readonly binDir: string;
  /** The suffix to write in `credsStore` / `credHelpers`. */
  readonly name: string;
  /** `PATH` with {@link binDir} first, the rest from this process. */
  readonly path: string;
  /** Stores the answer for a server URL (`{"ServerURL", "Username", "Secret"}`). */
  set(serverUrl: string, username: string, secret: string): void;
  /** Changes the behaviour of the next calls. */
  mode(mode: HelperMode): void;
  /** Calls so far, oldest first. */
  calls(): HelperCall[];
  /** Names of the environment variables the last call saw. */
  lastEnvNames(): string[];
}

/** What the helper prints to stderr on every call: tests check it never reaches signet's output. */
export const HELPER_STDERR_MARKER = 'helper-stderr-must-not-leak';

/** What the failing and garbage modes print to stdout: tests check it never reaches signet's output. */
export const HELPER_STDOUT_MARKER = 'helper-stdout-must-not-leak';

// Each call appends "action<TAB>hex(stdin)" to calls.log, so an exact stdin (no newline) is visible.
const SCRIPT = `#!/bin/sh
state="$(dirname "$0")/../state-$(basename "$0")"
mode=$(cat "$state/mode" 2>/dev/null || echo ok)
if [ "$mode" = no-read ]; then printf '%s\\t\\n' "$1" >> "$state/calls.log"; exit 1; fi
input=$(od -An -v -tx1 | tr -d ' \\n')
env | cut -d= -f1 | sort > "$state/last-env"
printf '%s\\t%s\\n' "$1" "$input" >> "$state/calls.log"
echo "${HELPER_STDERR_MARKER}" >&2
case "$mode" in
  ok)
    if [ -f "$state/answers/$input" ]; then cat "$state/answers/$input"; exit 0; fi
    echo "credentials not found in native keychain"; exit 1 ;;
  fail) echo "${HELPER_STDOUT_MARKER}: boom"; exit 3 ;;
  garbage) echo "${HELPER_STDOUT_MARKER} is not json"; exit 0 ;;
  hang) exec sleep 60 ;;
  big) head -c 300000 /dev/zero | tr '\\0' x; exit 0 ;;
esac
`;

/**
 * Writes `docker-credential-<name>` into a new temporary bin directory.
 * @param name helper suffix. @default 'signettest'
 */
export function makeCredentialHelper(name = 'signettest'): FakeCredentialHelper {
  const root = mkdtempSync(join(tmpdir(), 'signet-credhelper-'));
  const binDir = join(root, 'bin');
  const state = join(root, `state-docker-credential-${name}`);
  mkdirSync(binDir);
  mkdirSync(join(state, 'answers'), { recursive: true });
  const program = join(binDir, `docker-credential-${name}`);
  writeFileSync(program, SCRIPT);
  chmodSync(program, 0o755);
  writeFileSync(join(state, 'calls.log'), '');
  return {
    binDir,
    name,
    path: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    set(serverUrl, username, secret) {
      writeFileSync(join(state, 'answers', Buffer.from(serverUrl).toString('hex')), JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }));
    },
    mode(mode) {
      writeFileSync(join(state, 'mode'), mode);
    },
    lastEnvNames() {
      return readFileSync(join(state, 'last-env'), 'utf8').split('\n').filter((name) => name !== '');
    },
    calls() {
      return readFileSync(join(state, 'calls.log'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const [action = '', hex = ''] = line.split('\t');
          return { action, stdin: Buffer.from(hex, 'hex').toString('utf8') };
        });
    },
  };
}
