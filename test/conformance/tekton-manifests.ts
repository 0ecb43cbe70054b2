/**
 * Finding and reading the Tekton objects of YAML files, for the conformance tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TEKTON_KINDS, REPO_ROOT } from '../helpers/tekton-schemas.js';

/** One Tekton object and where it came from. */
export interface TektonDoc {
  /** `file#index`, relative to the repository root. */
  readonly where: string;
  readonly kind: string;
  readonly name: string;
  readonly manifest: Record<string, unknown>;
}

/** YAML files directly in `dir` (`recursive` walks sub-folders too), sorted; none when it is absent. */
export function yamlFiles(dir: string, recursive = false): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (recursive) out.push(...yamlFiles(path, true));
    } else if (/\.ya?ml$/.test(entry)) {
      out.push(path);
    }
  }
  return out;
}

/** The Tekton objects in a file, in order. */
export function tektonDocs(file: string): TektonDoc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: TektonDoc[] = [];
  docs.forEach((d, i) => {
    if (!('toJSON' in d)) return;
    const m: unknown = d.toJSON();
    if (typeof m !== 'object' || m === null) return;
    const manifest = m as Record<string, unknown>;
    const kind = String(manifest.kind ?? '');
    if (!TEKTON_KINDS.has(kind) || !String(manifest.apiVersion ?? '').startsWith('tekton.dev/')) return;
    const metadata = (manifest.metadata ?? {}) as Record<string, unknown>;
    out.push({ where: `${relative(REPO_ROOT, file)}#${i}`, kind, name: String(metadata.name ?? metadata.generateName ?? ''), manifest });
  });
  return out;
}

/** A `findTask`/`findPipeline`/`findStepAction` lookup over a set of objects. */
export function finder(docs: readonly TektonDoc[], kind: string): (name: string) => unknown {
  return (name) => docs.find((d) => d.kind === kind && d.name === name)?.manifest;
}
