/**
 * The README's ten-line program (the same block docs/quickstart.md marks for its own test), and the
 * YAML this repository's own synth writes for it: what an installed package must reproduce.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

/** The ```ts block of the README that imports from 'signet' and calls `app.synth()`. */
export function readmeProgram(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').find((b) => b.includes("from 'signet'") && b.includes('app.synth()'));
  if (block === undefined) throw new Error("README.md: no ```ts block imports from 'signet' and calls app.synth()");
  return block;
}

/** `dist/*.k8s.yaml` of `program` run from src/ through tsx, as this repository synthesizes (file name → text). */
export async function repoSynth(program: string): Promise<Record<string, string>> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'repo-synth-'));
  try {
    const entry = join(dir, 'main.ts');
    const signet = relative(dir, join(ROOT, 'src/index.js')).split('\\').join('/');
    writeFileSync(entry, program.replace(/from 'signet'/g, `from '${signet}'`));
    await promisify(execFile)(process.execPath, ['--import', 'tsx', entry], { cwd: dir });
    return readYamlFolder(join(dir, 'dist'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file of a synth output folder (file name → text). */
export function readYamlFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}
