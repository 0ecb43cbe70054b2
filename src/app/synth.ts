import type { App } from 'cdk8s';
import { formatIssue } from '../tekton/validation/index.js';
import { TektonObject } from '../constructs/index.js';
import { writeKustomization } from './kustomization.js';

/** Where `synthApp` writes its report. */
export interface SynthOutput {
  /** Receives warnings and errors, one per line. */
  readonly stderr: (line: string) => void;
}

/**
 * Validates every construct of `app` first and synthesizes only when nothing failed, so a failing synth writes
 * no file at all (cdk8s itself creates the output folder before validating). After synth it writes
 * `kustomization.yaml` listing the chart files, for GitOps tools.
 *
 * Prints Tekton warnings, then every error with its construct path; returns the exit code (0 or 1).
 */
export function synthApp(app: App, out: SynthOutput = { stderr: (l) => process.stderr.write(`${l}\n`) }): number {
  for (const issue of TektonObject.validateAll(app)) {
    if (issue.severity === 'warning') out.stderr(`warning: [${issue.constructPath}] ${formatIssue(issue)}`);
  }
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((message) => `[${c.node.path}] ${message}`));
  if (errors.length > 0) {
    out.stderr(`synth failed: ${errors.length} error(s); no manifest was written`);
    for (const e of errors) out.stderr(`  ${e}`);
    return 1;
  }
  app.synth();
  writeKustomization(app);
  return 0;
}

