/**
 * What the signer Tasks (`cosign-sign`, `cosign-verify`) share: the locked image, its entrypoint, the
 * hardened security context, flag rendering from the CLI's own constants, and registry wiring.
 * Internal to src/catalog.
 */
import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import lockJson from '../../signer-image.lock.json' with { type: 'json' };
import {
  DEFAULT_STEP_SECURITY_CONTEXT,
  type IRegistryCredentials,
  type Task,
  TektonConstructError,
  type WorkspaceReference,
} from '../constructs/index.js';
import { NONROOT_UID, SIGNER_ENTRYPOINT } from '../image/constants.js';
import { parseLock } from '../image/lock-file.js';
import { SIGNER_ENV, SIGNER_FLAGS } from '../shared/constants.js';
import { signerImageFor } from './signer-image-setting.js';

/** A long flag of the `signet` CLI. */
export type SignerFlag = (typeof SIGNER_FLAGS)[keyof typeof SIGNER_FLAGS];

/** `--<flag>`: every flag a Task passes is spelled from the constants the CLI parses. */
export function flag(name: SignerFlag): string {
  return `--${name}`;
}

/**
 * The signer step's security context: the construct default (non-root 65532, no privilege escalation, no
 * capabilities, RuntimeDefault seccomp) plus the image's group and a read-only root filesystem, which the
 * signer can afford because it writes only its result files (under /tekton, a volume).
 */
export const SIGNER_STEP_SECURITY_CONTEXT: k8s.SecurityContext = {
  ...DEFAULT_STEP_SECURITY_CONTEXT,
  runAsUser: NONROOT_UID,
  runAsGroup: NONROOT_UID,
  readOnlyRootFilesystem: true,
};

/** The step command: node and the bundle by absolute path, so Tekton needs no registry lookup of the entrypoint. */
export const SIGNER_STEP_COMMAND: readonly string[] = SIGNER_ENTRYPOINT;

/** The Task's own image, the app's `signet:signerImage` context, or the locked image; checked to be pinned. */
export function resolveSignerImage(scope: Construct, override: string | undefined): string {
  return signerImageFor(scope, override);
}

/** The platform the locked image was built for, e.g. `linux/amd64` (for the catalog's `tekton.dev/platforms`). */
export function signerImagePlatform(): string {
  return parseLock(lockJson).platform;
}

/** `--annotations k=v` pairs, in the caller's order; keys must be non-empty and free of `=`. */
export function annotationArgs(where: string, annotations: Readonly<Record<string, string>> | undefined): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (key === '' || key.includes('=')) {
      throw new TektonConstructError('INVALID_PROPS', `${where}: annotation key '${key}' must be non-empty and contain no '='; rename it`);
    }
    args.push(flag(SIGNER_FLAGS.annotations), `${key}=${value}`);
  }
  return args;
}

/** Registry options of the signer Tasks. */
export interface SignerRegistryOptions {
  /**
   * Registry credentials (a `kubernetes.io/dockerconfigjson` Secret), mounted read-only and named by `DOCKER_CONFIG`.
   * @default - an optional `dockerconfig` workspace: bind a Secret holding `config.json`, or leave it unbound
   *   for registries that need no credentials
   */
  readonly registryCredentials?: IRegistryCredentials;
  /**
   * Pass `--allow-http-registry`: plain HTTP to any registry (loopback registries never need it).
   * @default false
   */
  readonly allowHttpRegistry?: boolean;
  /**
   * Pass `--allow-insecure-registry`: skip TLS certificate verification.
   * @default false
   */
  readonly allowInsecureRegistry?: boolean;
}

/** What the step needs for registry access. */
export interface RegistryWiring {
  readonly env: k8s.EnvVar[];
  readonly volumeMounts: k8s.VolumeMount[];
  readonly args: string[];
  /**
   * The `dockerconfig` workspace, when credentials come from one.
   * @default - none: `registryCredentials` was given, so credentials come from that Secret
   */
  readonly workspace?: WorkspaceReference;
}

/** Name of the optional workspace with registry credentials (the name catalog build tasks use too). */
const DOCKER_CONFIG_WORKSPACE = 'dockerconfig';

/** Declares the credentials source on `task` and returns the step's env, mounts and flags. */
export function wireRegistry(task: Task, options: SignerRegistryOptions): RegistryWiring {
  const args = [
    ...(options.allowHttpRegistry ? [flag(SIGNER_FLAGS.allowHttpRegistry)] : []),
    ...(options.allowInsecureRegistry ? [flag(SIGNER_FLAGS.allowInsecureRegistry)] : []),
  ];
  if (options.registryCredentials) {
    const creds = task.addSecretVolume(options.registryCredentials.toSecretVolume({ volumeName: 'registry-credentials' }));
    return { env: [{ name: SIGNER_ENV.dockerConfig, value: creds.mountPath }], volumeMounts: [creds.mount], args };
  }
  const workspace = task.addWorkspace(DOCKER_CONFIG_WORKSPACE, {
    optional: true,
    readOnly: true,
    description: 'Registry credentials: a config.json at its root (bind a kubernetes.io/dockerconfigjson Secret with items key .dockerconfigjson, path config.json). Leave unbound for registries without auth.',
  });
  // unbound, the path is empty and the signer falls back to ~/.docker (none in the image)
  return { env: [{ name: SIGNER_ENV.dockerConfig, value: workspace.path }], volumeMounts: [], args, workspace };
}
