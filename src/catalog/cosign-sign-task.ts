import type { Construct } from 'constructs';
import {
  type ISigningKeySecret,
  type ParamReference,
  type ResultDeclaration,
  type SigningKeyVolume,
  TektonConstructError,
  type TektonObjectProps,
  type WorkspaceReference,
} from '../constructs/index.js';
import { CHAINS_RESULTS, DEFAULT_KEY_MOUNT_PATH, SIGNER_COMMANDS, SIGNER_FLAGS } from '../shared/constants.js';
import {
  annotationArgs,
  flag,
  resolveSignerImage,
  SIGNER_STEP_COMMAND,
  SIGNER_STEP_SECURITY_CONTEXT,
  type SignerRegistryOptions,
  signerImagePlatform,
  wireRegistry,
} from './_signer-step.js';
import { CatalogTask } from './catalog-task.js';

/** Catalog name of {@link CosignSignTask}. */
export const COSIGN_SIGN_TASK_NAME = 'cosign-sign';

/** Catalog version of {@link CosignSignTask} (0.2: the `RECURSIVE` param). */
export const COSIGN_SIGN_TASK_VERSION = '0.2';

/** Name of the param holding the image to sign. */
export const COSIGN_SIGN_IMAGE_PARAM = 'IMAGE';

/** Name of the param that signs every manifest of an image index too (`--recursive`): `true` or `false`. */
export const COSIGN_SIGN_RECURSIVE_PARAM = 'RECURSIVE';

/** Props of a {@link CosignSignTask}. */
export interface CosignSignTaskProps extends TektonObjectProps, SignerRegistryOptions {
  /**
   * The signing-key Secret in cosign's layout (`cosign.key`, `cosign.password`, `cosign.pub`), e.g.
   * `SigningKeySecret.fromSecretName(this, 'key', 'cosign-signing-secret')`. It is mounted read-only; the key and
   * its password are read from the files, never from params or env.
   */
  readonly signingKey: ISigningKeySecret;
  /**
   * Where the signing-key Secret is mounted.
   * @default DEFAULT_KEY_MOUNT_PATH ('/keys')
   */
  readonly keyMountPath?: string;
  /**
   * Annotations written into every signature's payload (`-a key=value`), in this order. Values may use Tekton
   * variables such as `$(context.pipelineRun.name)` or a param you add with `addParam()`: they are passed as
   * arguments, never through a shell.
   * @default - no `-a` arguments: the payload carries only cosign's own fields
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Sign `registry/repository:tag` as the payload's `docker-reference` (`--identity-with-tag`), which
   * containers/image's default policy (podman, CRI-O `matchRepoDigestOrExact`) needs. IMAGE must then carry a tag
   * (`repo:tag@sha256:…`).
   * @default false
   */
  readonly identityWithTag?: boolean;
  /**
   * Sign this reference as the payload's `docker-reference` (`--sign-container-identity`), e.g. the repository
   * the image is promoted to. Excludes `identityWithTag`.
   * @default - the repository of IMAGE
   */
  readonly signContainerIdentity?: string;
  /**
   * The signer image, pinned by digest (e.g. one built from the repository's Dockerfile). It must run
   * `/usr/bin/node /opt/signet/signet.cjs`, as the locked image does.
   * @default - the app's signer image (`useSignerImage`, context `signet:signerImage`), else the one in
   *   signer-image.lock.json, by digest (`signerImage().reference`)
   */
  readonly image?: string;
  /**
   * `spec.description`.
   * @default - what the task does and the fsGroup it needs
   */
  readonly description?: string;
}

/**
 * Signs a container image by digest with a cosign key pair from a Kubernetes Secret, running signet's own signer
 * image (pinned by digest in `signer-image.lock.json`). Writes a cosign-compatible tag-based signature
 * (`sha256-<hex>.sig`) and reports the Tekton Chains type-hint results `IMAGE_URL` and `IMAGE_DIGEST`.
 *
 * - Param `IMAGE`: `registry/repository[:tag]@sha256:<hex>`. A reference by tag is resolved to its current digest
 *   with a warning in the step log; pass the digest your build reported so that what you sign is what you built.
 * - Param `RECURSIVE` (default `false`): `true` signs, when IMAGE is an image index (a multi-platform build), every
 *   manifest it lists too, each by digest in the same repository (cosign's `--recursive`), so that verifiers given a
 *   platform digest (podman, CRI-O) find a signature. The results still name the index.
 * - The step's command and args are built from the constants the `signet` CLI parses (`SIGNER_COMMANDS`,
 *   `SIGNER_FLAGS`); params reach it as whole arguments after `--`, never through a shell.
 * - The step runs as uid/gid 65532 with a read-only root filesystem. Secret files are mounted mode 0400, so run
 *   the TaskRun or PipelineRun with `podTemplate.securityContext.fsGroup: 65532`: kubelet then grants the group
 *   read access. Without it the signer exits 6 ("cannot read it (/keys/cosign.key)").
 */
export class CosignSignTask extends CatalogTask {
  /** The `IMAGE` param. */
  public readonly imageParam: ParamReference;
  /** The `RECURSIVE` param (`true`/`false`, default `false`). */
  public readonly recursiveParam: ParamReference;
  /** The `IMAGE_URL` result (the signed repository, with the tag when IMAGE had one; no digest). */
  public readonly imageUrlResult: ResultDeclaration;
  /** The `IMAGE_DIGEST` result (`sha256:<hex>` of the signed manifest). */
  public readonly imageDigestResult: ResultDeclaration;
  /** The mounted signing-key Secret and the paths of its files. */
  public readonly keyVolume: SigningKeyVolume;
  /** The optional `dockerconfig` workspace, unless `registryCredentials` was given. */
  public readonly dockerConfigWorkspace?: WorkspaceReference;
  /** The signer image the step runs, pinned by digest. */
  public readonly signerImage: string;

  public constructor(scope: Construct, id: string, props: CosignSignTaskProps) {
    super(scope, id, {
      metadata: { name: COSIGN_SIGN_TASK_NAME, ...props.metadata },
      catalog: {
        version: COSIGN_SIGN_TASK_VERSION,
        categories: ['Security'],
        tags: ['cosign', 'signing', 'supply-chain'],
        displayName: 'cosign sign',
        platforms: [signerImagePlatform()],
      },
      description: props.description ?? DEFAULT_DESCRIPTION,
    });
    const where = this.node.path;
    if (props.identityWithTag && props.signContainerIdentity !== undefined) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: identityWithTag and signContainerIdentity exclude each other; set one`);
    }
    this.signerImage = resolveSignerImage(this, props.image);

    this.imageParam = this.addParam(COSIGN_SIGN_IMAGE_PARAM, {
      type: 'string',
      description: 'Image to sign, by digest: registry/repository[:tag]@sha256:<hex>. A tag alone is resolved to its digest, with a warning.',
    });
    this.recursiveParam = this.addParam(COSIGN_SIGN_RECURSIVE_PARAM, {
      type: 'string',
      default: 'false',
      description: 'true: when IMAGE is an image index (multi-platform), also sign every manifest it lists, each by digest (cosign --recursive); false: sign IMAGE only.',
    });
    this.imageUrlResult = this.addResult(CHAINS_RESULTS.imageUrl, {
      description: 'The signed image without digest: registry/repository, plus :tag when IMAGE had one.',
    });
    this.imageDigestResult = this.addResult(CHAINS_RESULTS.imageDigest, { description: 'Digest of the signed image manifest, sha256:<hex>.' });

    this.keyVolume = this.addSecretVolume(
      props.signingKey.toSecretVolume({ volumeName: 'signing-key', mountPath: props.keyMountPath ?? DEFAULT_KEY_MOUNT_PATH }),
    );
    const registry = wireRegistry(this, props);
    this.dockerConfigWorkspace = registry.workspace;

    this.addStep({
      name: 'sign',
      image: this.signerImage,
      command: [...SIGNER_STEP_COMMAND],
      args: [
        SIGNER_COMMANDS.sign,
        flag(SIGNER_FLAGS.key), this.keyVolume.privateKeyPath,
        flag(SIGNER_FLAGS.passwordFile), this.keyVolume.passwordPath,
        ...annotationArgs(where, props.annotations),
        ...(props.identityWithTag ? [flag(SIGNER_FLAGS.identityWithTag)] : []),
        ...(props.signContainerIdentity === undefined ? [] : [flag(SIGNER_FLAGS.signContainerIdentity), props.signContainerIdentity]),
        ...registry.args,
        // one whole argument, no shell; the CLI accepts only Go's boolean spellings and exits 2 on anything else
        `${flag(SIGNER_FLAGS.recursive)}=${this.recursiveParam.expression}`,
        flag(SIGNER_FLAGS.imageUrlFile), this.imageUrlResult.path,
        flag(SIGNER_FLAGS.imageDigestFile), this.imageDigestResult.path,
        // `--` ends the flags: an IMAGE value starting with '-' stays an image, never becomes a flag
        '--',
        this.imageParam.expression,
      ],
      env: registry.env,
      volumeMounts: [this.keyVolume.mount, ...registry.volumeMounts],
      securityContext: SIGNER_STEP_SECURITY_CONTEXT,
    });
  }
}

const DEFAULT_DESCRIPTION = [
  'Signs a container image by digest with a cosign key pair from a Kubernetes Secret.',
  '',
  'The signer (signet, cosign-compatible, key-based, no transparency log) reads cosign.key and cosign.password',
  'from the mounted Secret, writes a tag-based signature next to the image and reports IMAGE_URL and IMAGE_DIGEST',
  'for Tekton Chains. It runs as uid 65532 with a read-only root filesystem: run it with',
  'podTemplate.securityContext.fsGroup 65532 so it can read the mounted key files (mode 0400).',
].join('\n');
