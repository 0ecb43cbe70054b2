import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { BuildAndSignPipeline } from '../patterns/index.js';
import { CosignPublicKey, type SignedImageAdmission } from '../policies/index.js';

/** Props of a {@link DeployPoliciesChart}. */
export interface DeployPoliciesChartProps extends ChartProps {
  /** The pipeline whose signatures the cluster must require (its image repository is covered). */
  readonly pipeline: BuildAndSignPipeline;
  /** The PEM public key of the pipeline's signing key pair (the contents of `cosign.pub`). */
  readonly publicKeyPem: string;
}

/**
 * The deploy side: admission policies (Kyverno ImageValidatingPolicy and ClusterPolicy, policy-controller
 * ClusterImagePolicy) that let only images signed with the pipeline's key run. Cluster-scoped, so in a chart of
 * its own: apply it where the workloads run.
 */
export class DeployPoliciesChart extends Chart {
  /** The policies. */
  public readonly admission: SignedImageAdmission;

  public constructor(scope: Construct, id: string, props: DeployPoliciesChartProps) {
    const { pipeline, publicKeyPem, ...chartProps } = props;
    super(scope, id, chartProps);
    this.admission = pipeline.addAdmissionPolicies(this, 'signed-images', {
      name: 'signet-signed-images',
      publicKey: CosignPublicKey.fromPem(publicKeyPem),
    });
  }
}
