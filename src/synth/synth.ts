/**
 * The synth entry point for a program that builds a cdk8s app with signet's constructs (its `main.ts`, run by
 * `cdk8s synth`): every mistake at once, warnings too, one line each, no stack trace, a non-zero exit code,
 * and the manifests of the last good synth kept when this one fails.
 */
import type { App } from 'cdk8s';
import { TektonObject } from '../constructs/tekton-object.js';
import { formatIssue } from '../tekton/validation/issue.js';
import { replaceOutput, type Restored, restoreOutput } from './output-folder.js';

/** Options of {@link synth}. */
export interface SynthOptions {
  /**
   * Receives the report: warnings, errors, and what happened to the output folder; one line per call.
   * @default - each line is written to standard error
   */
  readonly stderr?: (line: string) => void;
  /**
   * Called after the manifests are written, with the app (whose `outdir` is, during the call, the folder being
   * written), to add files of your own, e.g. a `kustomization.yaml`.
   * @default - nothing more is written
   */
  readonly afterWrite?: (app: App) => void;
  /**
   * Sets `process.exitCode` to 1 when the synth fails.
   * @default true
   */
  readonly setExitCode?: boolean;
  /**
   * Folder for the backup of the last good manifests.
   * @default - `node_modules/.cache/signet/synth-backup` of the working directory; no backup for an output folder outside the working directory, or without `node_modules`
   */
  readonly backupDir?: string;
}

/**
 * Validates `app` (or the app `build` returns), prints Tekton warnings, and writes its manifests only when
 * nothing failed. Use it instead of `app.synth()` as the last line of the program `cdk8s synth` runs:
 *
 * ```ts
 * synth(() => {
 *   const app = new App();
 *   new BuildAndSignPipeline(new Chart(app, 'ci'), 'pipeline', { ... });
 *   return app;
 * });
 * ```
 *
 * On failure it prints every error (construct path, rule id, field path, fix) or the construct error that
 * stopped the program, one line each without a stack trace, and returns 1 (and sets `process.exitCode`). The
 * output folder is never left half written: manifests are written next to it and swapped in; when
 * `cdk8s synth` had emptied it before the program ran, the manifests of the last good synth are put back.
 *
 * @returns 0 when the manifests were written, 1 otherwise
 */
export function synth(app: App | (() => App), options: SynthOptions = {}): number {
  const out = options.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const code = run(app, options, out);
  if (code !== 0 && options.setExitCode !== false) process.exitCode = code;
  return code;
}

function run(input: App | (() => App), options: SynthOptions, out: (line: string) => void): number {
  let app: App | undefined;
  try {
    app = typeof input === 'function' ? input() : input;
    for (const issue of TektonObject.validateAll(app)) {
      if (issue.severity === 'warning') out(`warning: [${issue.constructPath}] ${formatIssue(issue)}`);
    }
    const errors = app.node.findAll().flatMap((c) => c.node.validate().map((message) => `[${c.node.path}] ${message}`));
    if (errors.length > 0) {
      out(`synth failed: ${errors.length} error(s); no manifest was written`);
      for (const e of errors) out(`  ${e}`);
      report(restoreOutput(app.outdir, options.backupDir), app.outdir, out);
      return 1;
    }
    writeApp(app, options);
    return 0;
  } catch (error) {
    // construct errors (SignetError subclasses) carry the construct path and the fix in their message.
    out(`synth failed: ${error instanceof Error ? error.message : String(error)}`);
    const outdir = app?.outdir ?? process.env['CDK8S_OUTDIR'];
    if (outdir !== undefined) report(restoreOutput(outdir, options.backupDir), outdir, out);
    return 1;
  }
}

/** `app.synth()` into a fresh folder, swapped in for the output folder when complete. */
function writeApp(app: App, options: SynthOptions): void {
  const outdir = app.outdir;
  // App.outdir is a plain property; pointing it at the fresh folder for this one call is the only way to write
  // the files cdk8s names (one per chart, numbered when charts depend on each other) somewhere else.
  const writable = app as { outdir: string };
  replaceOutput(
    outdir,
    (dir) => {
      writable.outdir = dir;
      try {
        app.synth();
        options.afterWrite?.(app);
      } finally {
        writable.outdir = outdir;
      }
    },
    options.backupDir,
  );
}

function report(restored: Restored, outdir: string, out: (line: string) => void): void {
  if (restored === 'backup') out(`kept the manifests of the last good synth in ${outdir} (restored from its backup)`);
  if (restored === 'git') out(`kept the manifests of the last good synth in ${outdir} (restored from git)`);
}
