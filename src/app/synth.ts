import type { App } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { formatIssue } from '../tekton/validation/index.js';
import { type LocatedIssue, TektonObject } from '../constructs/index.js';
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
  // nothing changes the constructs from here on, so each object is validated once for all three passes.
  return TektonObject.withValidationCache(() => validateThenSynth(app, out));
}

function validateThenSynth(app: App, out: SynthOutput): number {
  for (const issue of tektonIssues(app)) {
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

/**
 * Tekton validation issues of every Tekton object in `app`, located by construct path.
 *
 * Why not `TektonObject.validateAll`: `TektonObject` inherits cdk8s' `ApiObject[Symbol.hasInstance]`, so
 * `instanceof TektonObject` is true for any ApiObject (e.g. the admission policies); this checks for the method.
 */
function tektonIssues(app: App): LocatedIssue[] {
  return app.node
    .findAll()
    .filter(isTektonObject)
    .flatMap((o) => o.validateTekton().map((i) => ({ ...i, constructPath: o.node.path })));
}

function isTektonObject(c: IConstruct): c is TektonObject {
  return c instanceof TektonObject && typeof (c as Partial<TektonObject>).validateTekton === 'function';
}
