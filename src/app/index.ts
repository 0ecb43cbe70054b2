import { readFileSync } from 'node:fs';
import { App } from 'cdk8s';
import { BuildAndSignChart } from './build-and-sign-chart.js';
import { DeployPoliciesChart } from './deploy-policies-chart.js';
import { SignedBuildChart } from './signed-build-chart.js';

export * from './build-and-sign-chart.js';
export * from './deploy-policies-chart.js';
export * from './kustomization.js';
export * from './seed-sign-task.js';
export * from './signed-build-chart.js';
export * from './synth.js';

/** The public key committed in the repository (`keys/cosign.pub`, made with `signet generate-key-pair`). */
export const DEFAULT_PUBLIC_KEY_FILE = new URL('../../keys/cosign.pub', import.meta.url);

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Output folder. @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else DEFAULT_OUTDIR */
  readonly outdir?: string;
  /**
   * PEM public key the deploy policies verify with (never a private key: `CosignPublicKey.fromPem` refuses one).
   * @default - the contents of DEFAULT_PUBLIC_KEY_FILE
   */
  readonly publicKeyPem?: string;
}

/** Where manifests go when the app runs outside `cdk8s synth`; the same folder as `output:` in cdk8s.yaml. */
export const DEFAULT_OUTDIR = 'dist/manifests';

/**
 * Builds the app behind `cdk8s synth` (nothing is written until `synthApp`): one manifest per chart.
 *
 * - `build-and-sign-app`: the seed pipeline (build and push, sign by digest);
 * - `signed-build`: the full `BuildAndSignPipeline` (clone, build, sign, verify);
 * - `deploy-policies`: admission policies that admit only images signed with `keys/cosign.pub`.
 *
 * Secrets with private keys or passwords are only referenced by name, never written.
 */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App({ outdir: options.outdir ?? process.env.CDK8S_OUTDIR ?? DEFAULT_OUTDIR });
  new BuildAndSignChart(app, 'build-and-sign-app');
  const build = new SignedBuildChart(app, 'signed-build');
  new DeployPoliciesChart(app, 'deploy-policies', {
    pipeline: build.buildAndSign,
    publicKeyPem: options.publicKeyPem ?? readFileSync(DEFAULT_PUBLIC_KEY_FILE, 'utf8'),
  });
  return app;
}
