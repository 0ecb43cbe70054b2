import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveKyvernoPolicy } from './_kyverno-settings.js';
import { kyvernoImageReferences } from './image-repositories.js';
import type { ImageSignaturePolicyOptions, KyvernoImageVerificationOptions } from './image-signature-policy-options.js';

/** Props of {@link KyvernoImageValidatingPolicy}. */
export interface KyvernoImageValidatingPolicyProps
  extends ImageSignaturePolicyOptions, KyvernoImageVerificationOptions {}

/** Name of the attestor inside the policy; CEL validations refer to it as `attestors.signet`. */
const ATTESTOR = 'signet';

/**
 * Kyverno's `ImageValidatingPolicy` (`policies.kyverno.io/v1`, Kyverno 1.19 and later), the CEL
 * based replacement for ClusterPolicy `verifyImages`: pods whose images come from the given
 * repositories are admitted only if every such image has a cosign signature (legacy `.sig` tag)
 * made by the given key.
 *
 * Verification is key-based and offline: the transparency log and the SCT check are skipped
 * (`ctlog.insecureIgnoreTlog` / `insecureIgnoreSCT`), matching signatures made with
 * `--tlog-upload=false`. Kyverno requires `ctlog.url` whenever `ctlog` is present, so the public
 * Rekor URL is written but never contacted for verification. Containers, init containers and
 * ephemeral containers are all checked. The policy runs at admission only (no background scans,
 * which would poll the registry).
 */
export class KyvernoImageValidatingPolicy extends ApiObject {
  /** API group and version of the generated object. */
  public static readonly API_VERSION = 'policies.kyverno.io/v1';
  /** Kind of the generated object. */
  public static readonly KIND = 'ImageValidatingPolicy';

  public constructor(scope: Construct, id: string, props: KyvernoImageValidatingPolicyProps) {
    const { repositories, settings } = resolveKyvernoPolicy(scope, id, props);
    const key = props.publicKey;
    key.assertAdmissible(`${scope.node.path}/${id}`);
    const hashAlgorithm = props.hashAlgorithm ?? key.defaultHashAlgorithm;

    super(scope, id, {
      apiVersion: KyvernoImageValidatingPolicy.API_VERSION,
      kind: KyvernoImageValidatingPolicy.KIND,
      metadata: props.name === undefined ? {} : { name: props.name },
      spec: {
        validationActions: [settings.enforce ? 'Deny' : 'Audit'],
        // fail closed: an error while verifying (registry down, bad key) must not admit the pod.
        failurePolicy: 'Fail',
        webhookConfiguration: { timeoutSeconds: settings.webhookTimeoutSeconds },
        evaluation: { background: { enabled: false } },
        matchConstraints: {
          resourceRules: [
            { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] },
          ],
        },
        matchImageReferences: kyvernoImageReferences(repositories).map((glob) => ({ glob })),
        attestors: [
          {
            name: ATTESTOR,
            cosign: {
              key:
                key.pem !== undefined
                  ? { data: key.pem, hashAlgorithm }
                  : // cosign resolves k8s://<ns>/<name> to the Secret's cosign.pub entry.
                    { kms: key.kubernetesKeyRef, hashAlgorithm },
              ctlog: { url: 'https://rekor.sigstore.dev', insecureIgnoreTlog: true, insecureIgnoreSCT: true },
            },
          },
        ],
        validationConfigurations: {
          mutateDigest: settings.mutateDigest,
          verifyDigest: settings.verifyDigest,
          required: true,
        },
        validations: [
          {
            expression:
              "['containers', 'initContainers', 'ephemeralContainers'].all(group, !(group in images) || " +
              `images[group].all(image, verifyImageSignatures(image, [attestors.${ATTESTOR}]) > 0))`,
            message: 'image signature verification failed: every image from the listed repositories must be signed with the pipeline key',
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
