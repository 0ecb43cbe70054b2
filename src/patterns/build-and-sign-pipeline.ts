import type { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { BUILDAH_PLATFORMS_PARAM, BUILDAH_TASK_NAME, BuildahTask } from '../catalog/buildah-task.js';
import { type CatalogMetadata, catalogObjectMetadata } from '../catalog/catalog-metadata.js';
import { COSIGN_SIGN_IMAGE_PARAM, COSIGN_SIGN_RECURSIVE_PARAM, COSIGN_SIGN_TASK_NAME, CosignSignTask } from '../catalog/cosign-sign-task.js';
import { COSIGN_VERIFY_TASK_NAME, CosignVerifyTask } from '../catalog/cosign-verify-task.js';
import { GIT_CLONE_RESULTS, GIT_CLONE_TASK_NAME, GitCloneTask } from '../catalog/git-clone-task.js';
import {
  DEFAULT_NON_ROOT_UID,
  type IRegistryCredentials,
  type ISigningKeySecret,
  Pipeline,
  PipelineRun,
} from '../constructs/index.js';
import type { ParamValueInput } from '../constructs/index.js';
import { CosignPublicKey, SignedImageAdmission, type SignedImageAdmissionProps } from '../policies/index.js';
import { CHAINS_RESULTS } from '../shared/constants.js';
import { parseReference, repositoryName } from '../shared/oci/index.js';
import { WorkspaceSources } from '../tekton/index.js';
import { PatternError } from './errors.js';

/** Catalog name of the Pipeline {@link BuildAndSignPipeline} emits. */
export const BUILD_AND_SIGN_PIPELINE_NAME = 'build-and-sign';

/** Catalog version of that Pipeline. */
export const BUILD_AND_SIGN_PIPELINE_VERSION = '0.1';

/** Param names of the build-and-sign Pipeline. */
export const BUILD_AND_SIGN_PARAMS = {
  gitUrl: 'git-url',
  gitRevision: 'git-revision',
  image: 'image',
  dockerfile: 'dockerfile',
  context: 'context',
} as const;

/** Workspace names of the build-and-sign Pipeline. */
export const BUILD_AND_SIGN_WORKSPACES = { source: 'source', dockerconfig: 'dockerconfig' } as const;

/** Pipeline results Tekton Chains reads for source provenance (besides `IMAGE_URL`/`IMAGE_DIGEST`). */
export const CHAINS_GIT_RESULTS = { url: 'CHAINS-GIT_URL', commit: 'CHAINS-GIT_COMMIT' } as const;

/**
 * Size of the per-run volume the sample run clones into. Why 1Gi: enough for a typical service repository and
 * its build context at depth 1; raise it for monorepos.
 */
export const DEFAULT_SOURCE_STORAGE = '1Gi';

/** Props of a {@link BuildAndSignPipeline}. */
export interface BuildAndSignPipelineProps {
  /**
   * Metadata of the Pipeline (the catalog labels and annotations are always added).
   * @default - name `<namePrefix>build-and-sign`
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Prefix of the names of the Pipeline and its four Tasks, for namespaces that already hold Tasks named like the
   * catalog's (`git-clone`, `buildah`, `cosign-sign`, `cosign-verify`) or a second build-and-sign pipeline.
   * @default '' (the catalog names)
   */
  readonly namePrefix?: string;
  /**
   * Git repository to build: the default of the `git-url` param.
   * @default - none: every run passes `git-url`
   */
  readonly repositoryUrl?: string;
  /**
   * Branch, tag or commit to build: the default of `git-revision`.
   * @default '' (the remote HEAD)
   */
  readonly revision?: string;
  /**
   * Where to push, `registry/repository:tag` (no digest): the default of `image`. Also the repository the
   * admission policies cover.
   * @default - none: every run passes `image`
   */
  readonly image?: string;
  /**
   * Dockerfile path relative to the repository root: the default of `dockerfile`.
   * @default './Dockerfile'
   */
  readonly dockerfile?: string;
  /**
   * Build context relative to the repository root: the default of `context`.
   * @default '.'
   */
  readonly context?: string;
  /**
   * Build a multi-platform image: one image per platform (`os/arch[/variant]`, e.g. `['linux/amd64', 'linux/arm64']`),
   * pushed with an image index whose digest the pipeline signs. The sign task then runs with `RECURSIVE=true`, so
   * every platform manifest is signed too (podman and CRI-O verify the platform manifest they pull). Platforms other
   * than the build node's need emulation (qemu-user-static in binfmt_misc) on the node for `RUN` instructions.
   * @default - none: one image for the build node's platform, signed alone
   */
  readonly platforms?: readonly string[];
  /**
   * The signing-key Secret (cosign layout), e.g. `SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret')`.
   * Sign mounts `cosign.key` and `cosign.password`; verify mounts only `cosign.pub`.
   */
  readonly signingKey: ISigningKeySecret;
  /**
   * Push and signature credentials (a `kubernetes.io/dockerconfigjson` Secret), bound to the `dockerconfig`
   * workspace by {@link BuildAndSignPipeline.addSampleRun}.
   * @default - none: the sample run leaves `dockerconfig` unbound (registries without auth)
   */
  readonly registryCredentials?: IRegistryCredentials;
  /**
   * Service account of the sample run's TaskRuns.
   * @default - the namespace's `default` service account
   */
  readonly serviceAccountName?: string;
  /**
   * Storage the sample run requests for the source volume.
   * @default DEFAULT_SOURCE_STORAGE ('1Gi')
   */
  readonly sourceStorage?: string;
  /**
   * The git-init image, pinned by digest.
   * @default - GitCloneTask's default
   */
  readonly gitInitImage?: string;
  /**
   * The buildah image, pinned by digest.
   * @default - BuildahTask's default (the quay.io/buildah/stable index, pinned by digest)
   */
  readonly builderImage?: string;
  /**
   * The signer image, pinned by digest, for both signer Tasks.
   * @default - the app's signer image (`useSignerImage`, context `signet:signerImage`), else the one in
   *   signer-image.lock.json
   */
  readonly signerImage?: string;
}

/** Options of {@link BuildAndSignPipeline.addSampleRun}. */
export interface BuildAndSignRunOptions {
  /**
   * Metadata of the PipelineRun.
   * @default - generateName `<pipeline name>-run-` (create it with `kubectl create`)
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Param values that override or complete the defaults from the props.
   * @default - the props' values
   */
  readonly params?: Readonly<Partial<Record<(typeof BUILD_AND_SIGN_PARAMS)[keyof typeof BUILD_AND_SIGN_PARAMS], string>>>;
}

/** Options of {@link BuildAndSignPipeline.addAdmissionPolicies}. */
export type BuildAndSignAdmissionOptions = Omit<SignedImageAdmissionProps, 'repositories' | 'publicKey'> & {
  /**
   * Repositories whose images must be signed.
   * @default - the repository of the `image` prop
   */
  readonly repositories?: readonly string[];
  /**
   * The key the policies verify with. When the signing key knows its public key, an inline key must be the same.
   * @default - the signing key's public key (`signingKey.publicKeyPem`); without one, the call throws and asks for it
   */
  readonly publicKey?: CosignPublicKey;
};

/**
 * A ready build-and-sign Pipeline: git-clone → buildah build and push → cosign-sign by digest → cosign-verify.
 *
 * The four catalog Tasks are created next to the Pipeline. The image is signed and verified by the digest the
 * build reported (`IMAGE_URL@IMAGE_DIGEST`), never by tag. Pipeline results `IMAGE_URL`/`IMAGE_DIGEST` and
 * `CHAINS-GIT_URL`/`CHAINS-GIT_COMMIT` let Tekton Chains attest the image and its source.
 *
 * @example
 * ```ts
 * const pipeline = new BuildAndSignPipeline(chart, 'build-and-sign', {
 *   repositoryUrl: 'https://github.com/example/app.git',
 *   image: 'registry.example.com/team/app:latest',
 *   signingKey: SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret'),
 *   registryCredentials: RegistryCredentialsSecret.fromSecretName(chart, 'push', 'registry-push'),
 * });
 * pipeline.addSampleRun();
 * ```
 */
export class BuildAndSignPipeline extends Construct {
  /** The Pipeline. */
  public readonly pipeline: Pipeline;
  /** The git-clone Task. */
  public readonly gitCloneTask: GitCloneTask;
  /** The buildah Task. */
  public readonly buildahTask: BuildahTask;
  /** The cosign-sign Task. */
  public readonly signTask: CosignSignTask;
  /** The cosign-verify Task. */
  public readonly verifyTask: CosignVerifyTask;
  /** The Pipeline's catalog metadata. */
  public readonly catalog: CatalogMetadata;
  /** Storage the sample run requests for the source volume (resolved). */
  public readonly sourceStorage: string;

  private readonly props: BuildAndSignPipelineProps;

  public constructor(scope: Construct, id: string, props: BuildAndSignPipelineProps) {
    super(scope, id);
    this.props = props;
    this.sourceStorage = props.sourceStorage ?? DEFAULT_SOURCE_STORAGE;
    if (props.image !== undefined && props.image.includes('@')) {
      throw new PatternError(
        'PATTERN_INVALID_PROPS',
        `${this.node.path}: image '${props.image}' has a digest; give the reference to push to (registry/repository:tag), the pipeline signs the digest the build reports`,
      );
    }

    const platforms = checkPlatforms(this.node.path, props.platforms);
    const prefix = props.namePrefix ?? '';
    const named = (name: string) => ({ metadata: { name: `${prefix}${name}` } });
    this.gitCloneTask = new GitCloneTask(this, 'git-clone', { ...named(GIT_CLONE_TASK_NAME), gitInitImage: props.gitInitImage });
    this.buildahTask = new BuildahTask(this, 'buildah', { ...named(BUILDAH_TASK_NAME), builderImage: props.builderImage });
    this.signTask = new CosignSignTask(this, 'cosign-sign', { ...named(COSIGN_SIGN_TASK_NAME), signingKey: props.signingKey, image: props.signerImage });
    this.verifyTask = new CosignVerifyTask(this, 'cosign-verify', {
      ...named(COSIGN_VERIFY_TASK_NAME),
      publicKey: CosignPublicKey.fromSigningKeySecret(props.signingKey),
      image: props.signerImage,
    });
    const tasks = [this.gitCloneTask, this.buildahTask, this.signTask, this.verifyTask];
    this.catalog = {
      version: BUILD_AND_SIGN_PIPELINE_VERSION,
      categories: ['Integration & Delivery', 'Security'],
      tags: ['build', 'image-build', 'signing', 'cosign', 'supply-chain'],
      displayName: 'build and sign',
      // the pipeline runs where every one of its tasks runs
      platforms: tasks.map((t) => t.catalog.platforms).reduce((a, b) => a.filter((p) => b.includes(p))),
    };

    const pipeline = new Pipeline(this, 'pipeline', {
      metadata: catalogObjectMetadata(this.catalog, { name: `${prefix}${BUILD_AND_SIGN_PIPELINE_NAME}`, ...props.metadata }),
      displayName: 'Build and sign',
      description: [
        'Clones a repository, builds and pushes its image, signs the pushed digest and verifies the signature.',
        '',
        'git-clone checks out git-url at git-revision into the source workspace; buildah builds dockerfile in',
        'context and pushes image; cosign-sign signs IMAGE_URL@IMAGE_DIGEST with the key from the signing Secret;',
        'cosign-verify checks that signature with the public key. The results IMAGE_URL, IMAGE_DIGEST,',
        'CHAINS-GIT_URL and CHAINS-GIT_COMMIT let Tekton Chains attest the image and its source.',
      ].join('\n'),
    });
    const gitUrl = pipeline.addParam(BUILD_AND_SIGN_PARAMS.gitUrl, {
      type: 'string',
      description: 'Git repository to build.',
      ...(props.repositoryUrl === undefined ? {} : { default: props.repositoryUrl }),
    });
    const gitRevision = pipeline.addParam(BUILD_AND_SIGN_PARAMS.gitRevision, {
      type: 'string',
      default: props.revision ?? '',
      description: 'Branch, tag or commit to build; empty means the remote HEAD.',
    });
    const image = pipeline.addParam(BUILD_AND_SIGN_PARAMS.image, {
      type: 'string',
      description: 'Reference to push to, registry/repository:tag.',
      ...(props.image === undefined ? {} : { default: props.image }),
    });
    const dockerfile = pipeline.addParam(BUILD_AND_SIGN_PARAMS.dockerfile, {
      type: 'string',
      default: props.dockerfile ?? './Dockerfile',
      description: 'Dockerfile path, relative to the repository root.',
    });
    const context = pipeline.addParam(BUILD_AND_SIGN_PARAMS.context, {
      type: 'string',
      default: props.context ?? '.',
      description: 'Build context, relative to the repository root.',
    });
    const source = pipeline.addWorkspace(BUILD_AND_SIGN_WORKSPACES.source, { description: 'Receives the clone; the build reads it. A volumeClaimTemplate per run.' });
    const dockerconfig = pipeline.addWorkspace(BUILD_AND_SIGN_WORKSPACES.dockerconfig, {
      optional: true,
      description: 'A config.json with push credentials (a kubernetes.io/dockerconfigjson Secret); used to push the image and its signature.',
    });

    const clone = pipeline.addTask('clone', {
      task: this.gitCloneTask,
      params: { url: gitUrl, revision: gitRevision },
      workspaces: { output: source },
    });
    const build = pipeline.addTask('build', {
      task: this.buildahTask,
      params: { IMAGE: image, DOCKERFILE: dockerfile, CONTEXT: context, ...(platforms === undefined ? {} : { [BUILDAH_PLATFORMS_PARAM]: platforms }) },
      workspaces: { source, dockerconfig },
      runAfter: [clone],
    });
    // by digest: the reference is built from what the build pushed, never from the mutable tag
    const pushed = `${build.result(CHAINS_RESULTS.imageUrl)}@${build.result(CHAINS_RESULTS.imageDigest)}`;
    // an index is signed with every platform manifest it lists
    const signParams = { [COSIGN_SIGN_IMAGE_PARAM]: pushed, ...(platforms === undefined ? {} : { [COSIGN_SIGN_RECURSIVE_PARAM]: 'true' }) };
    const sign = pipeline.addTask('sign', { task: this.signTask, params: signParams, workspaces: { dockerconfig } });
    pipeline.addTask('verify', { task: this.verifyTask, params: { IMAGE: pushed }, workspaces: { dockerconfig }, runAfter: [sign] });

    pipeline.addResult(CHAINS_RESULTS.imageUrl, { value: build.result(CHAINS_RESULTS.imageUrl), description: 'The pushed image, as given in image.' });
    pipeline.addResult(CHAINS_RESULTS.imageDigest, { value: build.result(CHAINS_RESULTS.imageDigest), description: 'Digest of the pushed, signed and verified image (sha256:<hex>).' });
    pipeline.addResult(CHAINS_GIT_RESULTS.url, { value: clone.result(GIT_CLONE_RESULTS.url), description: 'The repository that was built.' });
    pipeline.addResult(CHAINS_GIT_RESULTS.commit, { value: clone.result(GIT_CLONE_RESULTS.commit), description: 'The commit that was built.' });
    this.pipeline = pipeline;
  }

  /**
   * Adds a PipelineRun of this pipeline next to it: a volumeClaimTemplate for `source`, the registry credentials
   * Secret for `dockerconfig` (when given), the service account, and `fsGroup: 65532` so the non-root steps can
   * write the clone and read the mounted keys.
   *
   * Throws when `git-url` or `image` has neither a default (prop) nor a value in `options.params`.
   */
  public addSampleRun(id: string = 'sample-run', options: BuildAndSignRunOptions = {}): PipelineRun {
    const defaults: Record<string, string | undefined> = {
      [BUILD_AND_SIGN_PARAMS.gitUrl]: this.props.repositoryUrl,
      [BUILD_AND_SIGN_PARAMS.gitRevision]: this.props.revision,
      [BUILD_AND_SIGN_PARAMS.image]: this.props.image,
      [BUILD_AND_SIGN_PARAMS.dockerfile]: this.props.dockerfile,
      [BUILD_AND_SIGN_PARAMS.context]: this.props.context,
    };
    const params: Record<string, ParamValueInput> = {};
    for (const name of Object.values(BUILD_AND_SIGN_PARAMS)) {
      const value = options.params?.[name] ?? defaults[name];
      if (value !== undefined) params[name] = value;
    }
    for (const [required, prop] of [[BUILD_AND_SIGN_PARAMS.gitUrl, 'repositoryUrl'], [BUILD_AND_SIGN_PARAMS.image, 'image']] as const) {
      if (params[required] === undefined) {
        throw new PatternError('PATTERN_MISSING_VALUE', `${this.node.path}: the sample run needs '${required}'; set the ${prop} prop or pass params['${required}']`);
      }
    }
    return new PipelineRun(this, id, {
      metadata: options.metadata ?? { generateName: `${this.pipeline.name}-run-` },
      pipeline: this.pipeline,
      params,
      workspaces: {
        [BUILD_AND_SIGN_WORKSPACES.source]: WorkspaceSources.volumeClaimTemplate({ storage: this.sourceStorage }),
        ...(this.props.registryCredentials ? { [BUILD_AND_SIGN_WORKSPACES.dockerconfig]: this.props.registryCredentials.toWorkspaceSource() } : {}),
      },
      serviceAccountName: this.props.serviceAccountName,
      podTemplate: { securityContext: { fsGroup: DEFAULT_NON_ROOT_UID } },
    });
  }

  /**
   * Adds the admission policies that let only images signed by this pipeline's key run (Kyverno
   * ImageValidatingPolicy and ClusterPolicy, policy-controller ClusterImagePolicy; see `SignedImageAdmission`).
   *
   * The key is the one the pipeline signs with: derived from the signing key when it knows its public key, and an
   * inline `publicKey` that is a different key is refused.
   *
   * Throws when `repositories` is not given and the `image` prop is not set, when no public key is given and the
   * signing key does not know its own, and when the given public key is not the signing key's.
   */
  public addAdmissionPolicies(scope: Construct, id: string, options: BuildAndSignAdmissionOptions = {}): SignedImageAdmission {
    const repositories = options.repositories ?? (this.props.image === undefined ? undefined : [repositoryOf(this.props.image)]);
    if (repositories === undefined) {
      throw new PatternError('PATTERN_MISSING_VALUE', `${this.node.path}: admission policies need repositories; set the image prop or pass repositories`);
    }
    const own = this.props.signingKey.publicKeyPem === undefined ? undefined : CosignPublicKey.fromPem(this.props.signingKey.publicKeyPem);
    const publicKey = options.publicKey ?? own;
    if (publicKey === undefined) {
      throw new PatternError(
        'PATTERN_MISSING_VALUE',
        `${this.node.path}: admission policies need the public key and the signing key '${this.props.signingKey.secretName}' does not know it at synth time; ` +
          'pass publicKey: CosignPublicKey.fromPem(<contents of cosign.pub>), or give the signing key its publicKey',
      );
    }
    if (own !== undefined && publicKey.pem !== undefined && publicKey.pem !== own.pem) {
      throw new PatternError(
        'PATTERN_KEY_MISMATCH',
        `${this.node.path}: the admission public key is not the public half of signing key '${this.props.signingKey.secretName}'; ` +
          'omit publicKey to use the signing key\'s own, or pass the cosign.pub of the key pair the pipeline signs with',
      );
    }
    return new SignedImageAdmission(scope, id, { ...options, repositories, publicKey });
  }
}

/** `os/arch[/variant]`, lower-case letters and digits (buildah's `--platform` list items). */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/** The `platforms` prop as buildah's comma-separated `--platform` value; undefined when not set. */
function checkPlatforms(where: string, platforms: readonly string[] | undefined): string | undefined {
  if (platforms === undefined) return undefined;
  if (platforms.length === 0) throw new PatternError('PATTERN_INVALID_PROPS', `${where}: platforms is empty; list at least one os/arch (e.g. linux/amd64) or omit the prop`);
  const bad = platforms.find((p) => !PLATFORM.test(p));
  if (bad !== undefined) throw new PatternError('PATTERN_INVALID_PROPS', `${where}: platform '${bad}' is not os/arch[/variant] (e.g. linux/arm64/v8); fix the platforms prop`);
  const twice = platforms.find((p, i) => platforms.indexOf(p) !== i);
  if (twice !== undefined) throw new PatternError('PATTERN_INVALID_PROPS', `${where}: platform '${twice}' is listed twice; list each platform once`);
  return platforms.join(',');
}

/**
 * `registry/repo:tag` → `registry/repo`, parsed by the OCI reference grammar: a Docker Hub name comes back
 * fully qualified (`nginx` → `index.docker.io/library/nginx`), as the admission policies need a registry host.
 */
export function repositoryOf(image: string): string {
  return repositoryName(parseReference(image));
}
