import type { App } from 'cdk8s';
import { synth } from '../synth/index.js';
import { writeKustomization } from './kustomization.js';

/** Where `synthApp` writes its report. */
export interface SynthOutput {
  /** Receives warnings and errors, one per line. */
  readonly stderr: (line: string) => void;
}

/**
 * This repository's synth: the public {@link synth} (validate everything first, write only when nothing failed,
 * keep the last good manifests), plus a `kustomization.yaml` listing the chart files, for GitOps tools.
 *
 * Prints Tekton warnings, then every error with its construct path; returns the exit code (0 or 1).
 */
export function synthApp(app: App | (() => App), out: SynthOutput = { stderr: (l) => process.stderr.write(`${l}\n`) }): number {
  return synth(app, { stderr: out.stderr, afterWrite: (a) => void writeKustomization(a), setExitCode: false });
}
