import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveKyvernoPolicy } from './_kyverno-settings.js';
import { kyvernoImageReferences } from './image-repositories.js';
import type { ImageSignaturePolicyOptions, KyvernoImageVerificationOptions } from './image-signature-policy-options.js';

/** Props of {@link KyvernoClusterPolicy}. */
export interface KyvernoClusterPolicyProps extends ImageSignaturePolicyOptions, KyvernoImageVerificationOptions {}

/**
 * A Kyverno `ClusterPolicy` (`kyverno.io/v1`) with one `verifyImages` rule, for clusters still on a
 * Kyverno older than 1.19 (which deprecates this kind in favour of {@link KyvernoImageValidatingPolicy}).
 *
 * The rule uses the `Cosign` verifier (legacy `.sig` signatures) with the public key inline or as a
 * `k8s://<namespace>/<name>` reference, and turns off both online checks Kyverno does by default:
 * `rekor.ignoreTlog: true` (an omitted `rekor` means the public Rekor with tlog verification on) and
 * `ctlog.ignoreSCT: true` (an omitted `ctlog` loads CT-log keys from the Sigstore TUF root).
 *
 * The failure action is written both per rule (`failureAction`, read by current Kyverno) and as the
 * deprecated policy-wide `validationFailureAction`: an older Kyverno that prunes the per-rule field
 * would otherwise fall back to the schema default `Audit` and silently stop enforcing.
 * `mutateDigest` is always written, because it defaults to `true` and Kyverno rejects that with Audit.
 */
export class KyvernoClusterPolicy extends ApiObject {
  /** API group and version of the generated object. */
  public static readonly API_VERSION = 'kyverno.io/v1';
  /** Kind of the generated object. */
  public static readonly KIND = 'ClusterPolicy';

  public constructor(scope: Construct, id: string, props: KyvernoClusterPolicyProps) {
    const { repositories, settings } = resolveKyvernoPolicy(scope, id, props);
    const key = props.publicKey;
    key.assertAdmissible(`${scope.node.path}/${id}`);
    const failureAction = settings.enforce ? 'Enforce' : 'Audit';

    super(scope, id, {
      apiVersion: KyvernoClusterPolicy.API_VERSION,
      kind: KyvernoClusterPolicy.KIND,
      metadata: props.name === undefined ? {} : { name: props.name },
      spec: {
        validationFailureAction: failureAction,
        // verification talks to the registry; keep it at admission time only.
        background: false,
        webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: settings.webhookTimeoutSeconds },
        rules: [
          {
            name: 'verify-image-signature',
            match: { any: [{ resources: { kinds: ['Pod'] } }] },
            verifyImages: [
              {
                type: 'Cosign',
                imageReferences: kyvernoImageReferences(repositories),
                failureAction,
                mutateDigest: settings.mutateDigest,
                verifyDigest: settings.verifyDigest,
                required: true,
                attestors: [
                  {
                    count: 1,
                    entries: [
                      {
                        signatureAlgorithm: props.hashAlgorithm ?? key.defaultHashAlgorithm,
                        keys: {
                          publicKeys: key.pem ?? key.kubernetesKeyRef,
                          rekor: { ignoreTlog: true },
                          ctlog: { ignoreSCT: true },
                        },
                      },
                    ],
                  },
                ],
              },
            ],
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
