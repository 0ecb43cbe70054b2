import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AdmissionMode } from './admission-mode.js';
import { assertNamespace, assertObjectName } from './_names.js';
import { PolicyError } from './errors.js';
import { parseRepositoryPatterns, policyControllerImageGlobs } from './image-repositories.js';
import type { ImageSignaturePolicyOptions } from './image-signature-policy-options.js';

/** Props of {@link PolicyControllerClusterImagePolicy}. */
export interface PolicyControllerClusterImagePolicyProps extends ImageSignaturePolicyOptions {
  /**
   * Namespace policy-controller runs in. A Secret-backed public key must live there: the webhook
   * reads key Secrets only from its own namespace.
   * @default 'cosign-system'
   */
  readonly policyControllerNamespace?: string;
}

/**
 * A Sigstore policy-controller `ClusterImagePolicy` (`policy.sigstore.dev/v1beta1`) with one key
 * authority: images from the given repositories are admitted only with a legacy cosign signature
 * made by the given key.
 *
 * No `ctlog` is written, which for a key authority means no Rekor client and no tlog check, so
 * signatures made with `--tlog-upload=false` verify offline. `signatureFormat: legacy` (the `.sig`
 * tag) is stated explicitly; `bundle` is accepted only for keyless authorities.
 *
 * With a Secret-backed key, policy-controller copies the Secret's single data entry, so the Secret
 * must live in {@link PolicyControllerClusterImagePolicyProps.policyControllerNamespace} and hold
 * exactly one entry: the public key. A signing Secret with `cosign.key`, `cosign.pub` and
 * `cosign.password` does not work there; prefer {@link CosignPublicKey.fromPem}.
 *
 * policy-controller only checks namespaces labelled `policy.sigstore.dev/include: "true"`.
 */
export class PolicyControllerClusterImagePolicy extends ApiObject {
  /** API group and version of the generated object. */
  public static readonly API_VERSION = 'policy.sigstore.dev/v1beta1';
  /** Kind of the generated object. */
  public static readonly KIND = 'ClusterImagePolicy';

  public constructor(scope: Construct, id: string, props: PolicyControllerClusterImagePolicyProps) {
    const where = `${scope.node.path}/${id}`;
    assertObjectName(props.name, where);
    const repositories = parseRepositoryPatterns(props.repositories, where);
    const key = props.publicKey;
    key.assertAdmissible(`${scope.node.path}/${id}`);
    const controllerNamespace = props.policyControllerNamespace ?? 'cosign-system';
    assertNamespace(controllerNamespace, where, 'POLICY_INVALID_OPTION', 'policyControllerNamespace');
    if (key.secret !== undefined && key.secret.namespace !== controllerNamespace) {
      throw new PolicyError(
        'POLICY_INVALID_OPTION',
        `${where}: policy-controller reads key Secrets only from its own namespace '${controllerNamespace}', ` +
          `but the key Secret is in '${key.secret.namespace}': create a Secret there holding only the public key, ` +
          'or pass the key inline with CosignPublicKey.fromPem',
      );
    }
    const hashAlgorithm = props.hashAlgorithm ?? key.defaultHashAlgorithm;

    super(scope, id, {
      apiVersion: PolicyControllerClusterImagePolicy.API_VERSION,
      kind: PolicyControllerClusterImagePolicy.KIND,
      metadata: props.name === undefined ? {} : { name: props.name },
      spec: {
        // policy-controller has no audit mode; `warn` admits and returns the failure as a warning.
        mode: (props.mode ?? AdmissionMode.ENFORCE) === AdmissionMode.ENFORCE ? 'enforce' : 'warn',
        images: policyControllerImageGlobs(repositories).map((glob) => ({ glob })),
        authorities: [
          {
            name: 'signet-key',
            key:
              key.secret !== undefined
                ? { secretRef: { name: key.secret.name, namespace: key.secret.namespace }, hashAlgorithm }
                : { data: key.pem, hashAlgorithm },
            signatureFormat: 'legacy',
          },
        ],
      },
    });
  }

  /** Cluster-scoped: a namespace set on the chart must not leak into the manifest. */
  public override toJson(): any {
    const json = super.toJson();
    delete json.metadata?.namespace;
    return json;
  }
}
