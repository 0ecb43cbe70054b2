/** The file list of `signet init`: paths, contents and modes, computed without touching the disk. */
import { basename } from 'node:path';
import { CDK8S_YAML, CHECK_MANIFESTS_SH, GITIGNORE, MAIN_TS, packageJson, readme, TSCONFIG_JSON, type TemplateOptions } from './templates.js';

/** One file to write. */
export interface ScaffoldFile {
  /** Relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
  /** File mode: `0o755` for scripts, `0o644` otherwise. */
  readonly mode: number;
}

/** The files of a new project, in a stable order. */
export function scaffoldFiles(options: TemplateOptions): ScaffoldFile[] {
  const file = (path: string, content: string, mode = 0o644): ScaffoldFile => ({ path, content, mode });
  return [
    file('package.json', packageJson(options)),
    file('cdk8s.yaml', CDK8S_YAML),
    file('tsconfig.json', TSCONFIG_JSON),
    file('main.ts', MAIN_TS),
    file('.gitignore', GITIGNORE),
    file('README.md', readme(options)),
    file('scripts/check-manifests.sh', CHECK_MANIFESTS_SH, 0o755),
  ];
}

/** An npm package name from a folder name: lower case, `[a-z0-9._-]`, never empty. */
export function projectName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return name === '' ? 'signet-pipelines' : name.slice(0, 214);
}
