import { App } from 'cdk8s';
import { BuildAndSignChart } from './build-and-sign-chart.js';

export * from './build-and-sign-chart.js';
export * from './build-task.js';
export * from './images.js';
export * from './seed-sign-task.js';
export * from './synth.js';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Output folder. @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else DEFAULT_OUTDIR */
  readonly outdir?: string;
}

/** Where manifests go when the app runs outside `cdk8s synth`; the same folder as `output:` in cdk8s.yaml. */
export const DEFAULT_OUTDIR = 'dist/manifests';

/** Builds the app behind `cdk8s synth` (nothing is written until `synthApp`). */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App({ outdir: options.outdir ?? process.env.CDK8S_OUTDIR ?? DEFAULT_OUTDIR });
  new BuildAndSignChart(app, 'build-and-sign-app');
  return app;
}
