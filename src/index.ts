/**
 * signet: cdk8s constructs for Tekton v1 pipelines, a catalog of signed build tasks, admission
 * policies, and a cosign-compatible signer (the `signer` namespace).
 *
 * The public API is this file: every export is named on purpose (no `export *`), and
 * api/signet.api.md records it (`npm run api` updates the report; a test fails when it is stale).
 * Render helpers, the catalog generator, validation internals and transport plumbing stay internal.
 *
 * @packageDocumentation
 */

// The base of every error signet throws: a stable string `code` and a one-line message
export { SignetError } from './shared/errors.js';

// Tekton API: versions, the v1 object model (typed specs), expressions, resolvers, workspace sources
export { STEP_ACTION_API_VERSION, TEKTON_API_VERSION, TEKTON_KINDS, type TektonKind } from './tekton/api-versions.js';
export {
  CONTEXT_EXPR,
  finallyResultExpr,
  paramArrayExpr,
  paramExpr,
  paramIndexExpr,
  paramKeyExpr,
  resultPathExpr,
  stepResultExpr,
  stepResultPathExpr,
  taskReasonExpr,
  taskResultArrayExpr,
  taskResultExpr,
  taskResultIndexExpr,
  taskResultKeyExpr,
  TASKS_STATUS_EXPR,
  taskStatusExpr,
  workspaceExpr,
  type IExpression,
  type WorkspaceAttribute,
} from './tekton/expressions.js';
export type {
  ArrayParamSpec,
  ContainerFields,
  ContainerResourceSpec,
  EmbeddedTaskSpec,
  ImagePullPolicy,
  Matrix,
  ObjectParamSpec,
  OnError,
  Param,
  ParamSpec,
  ParamSpecBase,
  ParamType,
  ParamValue,
  PipelineRef,
  PipelineResultSpec,
  PipelineRunSpec,
  PipelineRunTimeouts,
  PipelineSpec,
  PipelineTaskRunSpec,
  PipelineTaskSpec,
  PipelineWorkspaceDeclaration,
  PodTemplate,
  ResolverName,
  ResolverRef,
  ResultType,
  Sidecar,
  Step,
  StepActionRef,
  StepActionSpec,
  StepOutputConfig,
  StepResultSpec,
  StepTemplate,
  StringParamSpec,
  TaskRef,
  TaskResultSpec,
  TaskRunSpec,
  TaskRunTemplate,
  TaskSpec,
  VolumeClaimTemplate,
  WhenCelExpression,
  WhenExpression,
  WhenInputExpression,
  WorkspaceBinding,
  WorkspaceDeclaration,
  WorkspacePipelineTaskBinding,
  WorkspaceUsage,
  WorkspaceVolumeSource,
} from './tekton/model/index.js';
export {
  Resolvers,
  type BundlesResolverOptions,
  type ClusterResolverOptions,
  type GitResolverOptions,
  type HttpResolverOptions,
  type HubResolverOptions,
} from './tekton/resolvers.js';
export { WorkspaceSources, type VolumeClaimTemplateOptions } from './tekton/workspace-sources.js';
export { formatIssue, validateTektonObject, type ValidationContext, type ValidationIssue } from './tekton/validation/index.js';
export { SUPPRESSION_ANNOTATION, type Suppression } from './tekton/validation/index.js';

// Constructs: Task, Pipeline, runs, StepAction, references to objects defined elsewhere, secrets
export { TektonConstructError, type TektonConstructErrorCode } from './constructs/errors.js';
export { ParamReference } from './constructs/param-reference.js';
export { PipelineReference, type IPipelineDefinition, type PipelineBinding, type PipelineInterface } from './constructs/pipeline-reference.js';
export { PipelineRun, type PipelineRunProps } from './constructs/pipeline-run.js';
export {
  PipelineTask,
  type MatrixInput,
  type PipelineTaskOptions,
  type PipelineTaskWorkspaceInput,
  type WhenInput,
} from './constructs/pipeline-task.js';
export { Pipeline, type PipelineProps, type PipelineResultOptions, type PipelineWorkspaceOptions } from './constructs/pipeline.js';
export {
  DEFAULT_DOCKER_CONFIG_MOUNT_PATH,
  DOCKER_CONFIG_JSON_KEY,
  RegistryCredentialsSecret,
  type IRegistryCredentials,
} from './constructs/registry-credentials-secret.js';
export { ResultDeclaration } from './constructs/result-declaration.js';
export { DEFAULT_SECRET_FILE_MODE, SecretVolume, type SecretVolumeItem, type SecretVolumeOptions } from './constructs/secret-volume.js';
export { SigningKeySecret, SigningKeyVolume, type ISigningKeySecret, type SigningKeySecretProps, type SigningKeySecretReferenceOptions } from './constructs/signing-key-secret.js';
export { StepActionReference, type IStepActionDefinition, type StepActionInterface } from './constructs/step-action-reference.js';
export { StepAction, type StepActionProps } from './constructs/step-action.js';
export { DEFAULT_NON_ROOT_UID, DEFAULT_STEP_SECURITY_CONTEXT } from './constructs/step-defaults.js';
export { TaskReference, type ITaskDefinition, type TaskBinding, type TaskInterface } from './constructs/task-reference.js';
export { TaskResultReference } from './constructs/task-result-reference.js';
export { TaskRun, type TaskRunProps } from './constructs/task-run.js';
export {
  Task,
  type ParamOptions,
  type ResultOptions,
  type StepReference,
  type TaskProps,
  type TaskStepOptions,
  type WorkspaceOptions,
} from './constructs/task.js';
export { TEKTON_FEATURE_FLAGS_CONTEXT, TektonObject, type LocatedIssue, type TektonObjectProps } from './constructs/tekton-object.js';
export { WorkspaceReference } from './constructs/workspace-reference.js';
export { suppressRule } from './constructs/suppress-rule.js';
export { validateForeignTektonObjects, watchForeignTektonObjects, type ForeignTektonIssue } from './constructs/foreign-tekton-objects.js';
export type { ParamValueInput, StringInput } from './constructs/_values.js';
export type { RunWorkspaceInput } from './constructs/_run-bindings.js';

// Catalog: the ready Tasks (clone, build, sign, verify) and the base for catalog-quality Tasks
export { BUILDAH_PLATFORMS_PARAM, BUILDAH_SECURITY_CONTEXT, BUILDAH_TASK_NAME, BUILDAH_TASK_VERSION, BuildahTask, type BuildahTaskProps } from './catalog/buildah-task.js';
export { CATALOG_CATEGORIES, type CatalogCategory, type CatalogMetadata } from './catalog/catalog-metadata.js';
export { CatalogTask, type CatalogTaskProps } from './catalog/catalog-task.js';
export { COSIGN_SIGN_IMAGE_PARAM, COSIGN_SIGN_RECURSIVE_PARAM, COSIGN_SIGN_TASK_NAME, COSIGN_SIGN_TASK_VERSION, CosignSignTask, type CosignSignTaskProps } from './catalog/cosign-sign-task.js';
export type { SignerRegistryOptions } from './catalog/_signer-step.js';
export {
  COSIGN_VERIFY_TASK_NAME,
  COSIGN_VERIFY_TASK_VERSION,
  CosignVerifyTask,
  type CosignVerifyTaskProps,
} from './catalog/cosign-verify-task.js';
export { CatalogError, type CatalogErrorCode } from './catalog/errors.js';
export { GIT_CLONE_RESULTS, GIT_CLONE_TASK_NAME, GIT_CLONE_TASK_VERSION, GitCloneTask, type GitCloneTaskProps } from './catalog/git-clone-task.js';
export { placeholderImages } from './catalog/images.js';
export { SIGNER_IMAGE_CONTEXT_KEY, useSignerImage } from './catalog/signer-image-setting.js';

// Patterns: the build-and-sign pipeline
export {
  BUILD_AND_SIGN_PARAMS,
  BUILD_AND_SIGN_PIPELINE_NAME,
  BUILD_AND_SIGN_PIPELINE_VERSION,
  BUILD_AND_SIGN_WORKSPACES,
  BuildAndSignPipeline,
  CHAINS_GIT_RESULTS,
  DEFAULT_SOURCE_STORAGE,
  type BuildAndSignAdmissionOptions,
  type BuildAndSignPipelineProps,
  type BuildAndSignRunOptions,
} from './patterns/build-and-sign-pipeline.js';
export { PatternError, type PatternErrorCode } from './patterns/errors.js';

// Policies: admission of signed images, and the key material the cluster needs
export { AdmissionMode } from './policies/admission-mode.js';
export { CosignPublicKey, HashAlgorithm, type PublicKeyConfigMapReference, type PublicKeySecretReference } from './policies/cosign-public-key.js';
export { PolicyError, type PolicyErrorCode } from './policies/errors.js';
export type { ImageSignaturePolicyOptions, KyvernoImageVerificationOptions } from './policies/image-signature-policy-options.js';
export { KyvernoClusterPolicy, type KyvernoClusterPolicyProps } from './policies/kyverno-cluster-policy.js';
export { KyvernoImageValidatingPolicy, type KyvernoImageValidatingPolicyProps } from './policies/kyverno-image-validating-policy.js';
export { PolicyControllerClusterImagePolicy, type PolicyControllerClusterImagePolicyProps } from './policies/policy-controller-cluster-image-policy.js';
export { AdmissionPolicyKind, SignedImageAdmission, type SignedImageAdmissionProps } from './policies/signed-image-admission.js';
export { SecretStoreKind, SigningKeyExternalSecret, type RemoteSecretValue, type SigningKeyExternalSecretProps } from './policies/signing-key-external-secret.js';
export { SealingScope, SigningKeySealedSecret, type SigningKeySealedSecretProps } from './policies/signing-key-sealed-secret.js';

// The signer as a library (keys, registry client, sign/verify)
export * as signer from './signer/index.js';

// The lint engine behind `signet lint` (sources, documents with positions, v1beta1 conversion, formats)
export * as lint from './lint/index.js';

// the synth entry point for users' programs (validate all, report all, keep the last good manifests)
export { synth, type SynthOptions } from './synth/index.js';
