import { App } from 'cdk8s';
import { BuildAndSignChart } from './build-and-sign-chart.js';

export * from './build-and-sign-chart.js';
export * from './build-task.js';
export * from './images.js';
export * from './seed-sign-task.js';
export * from './synth.js';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Output folder. @default - `$CDK8S_OUTDIR`, else 'dist' (cdk8s' default) */
  readonly outdir?: string;
}

/** Builds the app behind `cdk8s synth` (nothing is written until `synthApp`). */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App({ outdir: options.outdir ?? process.env.CDK8S_OUTDIR });
  new BuildAndSignChart(app, 'build-and-sign-app');
  return app;
}
