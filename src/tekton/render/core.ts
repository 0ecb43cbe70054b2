/**
 * Kubernetes core structs (cdk8s-plus-28 `k8s` L1 shapes) to plain JSON.
 *
 * The L1 structs differ from the wire format in places (`downwardApi` → `downwardAPI`, `Quantity` and
 * `IntOrString` objects → their values), so every embedded core type goes through its `toJson_*` helper.
 */
import { k8s } from 'cdk8s-plus-28';
import { type JsonValue, pruneDeep } from './json.js';

type Converter<T> = (obj: T | undefined) => Record<string, unknown> | undefined;

function one<T>(convert: Converter<T>, value: T | undefined, key = ''): JsonValue | undefined {
  return value === undefined ? undefined : pruneDeep(convert(value), key);
}

function many<T>(convert: Converter<T>, values: readonly T[] | undefined): JsonValue[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((v) => pruneDeep(convert(v)) ?? {});
}

/** Plain-JSON renderers of the core types Tekton embeds. */
export const coreJson = {
  envVars: (v?: readonly k8s.EnvVar[]) => many(k8s.toJson_EnvVar, v),
  envFrom: (v?: readonly k8s.EnvFromSource[]) => many(k8s.toJson_EnvFromSource, v),
  resources: (v?: k8s.ResourceRequirements) => one(k8s.toJson_ResourceRequirements, v),
  volumeMounts: (v?: readonly k8s.VolumeMount[]) => many(k8s.toJson_VolumeMount, v),
  volumeDevices: (v?: readonly k8s.VolumeDevice[]) => many(k8s.toJson_VolumeDevice, v),
  securityContext: (v?: k8s.SecurityContext) => one(k8s.toJson_SecurityContext, v),
  podSecurityContext: (v?: k8s.PodSecurityContext) => one(k8s.toJson_PodSecurityContext, v),
  volumes: (v?: readonly k8s.Volume[]) => many(k8s.toJson_Volume, v),
  ports: (v?: readonly k8s.ContainerPort[]) => many(k8s.toJson_ContainerPort, v),
  probe: (v?: k8s.Probe) => one(k8s.toJson_Probe, v),
  lifecycle: (v?: k8s.Lifecycle) => one(k8s.toJson_Lifecycle, v),
  tolerations: (v?: readonly k8s.Toleration[]) => many(k8s.toJson_Toleration, v),
  affinity: (v?: k8s.Affinity) => one(k8s.toJson_Affinity, v),
  dnsConfig: (v?: k8s.PodDnsConfig) => one(k8s.toJson_PodDnsConfig, v),
  localObjectReferences: (v?: readonly k8s.LocalObjectReference[]) => many(k8s.toJson_LocalObjectReference, v),
  hostAliases: (v?: readonly k8s.HostAlias[]) => many(k8s.toJson_HostAlias, v),
  topologySpreadConstraints: (v?: readonly k8s.TopologySpreadConstraint[]) => many(k8s.toJson_TopologySpreadConstraint, v),
  /** `emptyDir: {}` is kept: it is how a workspace asks for a scratch volume. */
  emptyDir: (v?: k8s.EmptyDirVolumeSource) => one(k8s.toJson_EmptyDirVolumeSource, v, 'emptyDir'),
  secretVolume: (v?: k8s.SecretVolumeSource) => one(k8s.toJson_SecretVolumeSource, v),
  configMapVolume: (v?: k8s.ConfigMapVolumeSource) => one(k8s.toJson_ConfigMapVolumeSource, v),
  pvcVolume: (v?: k8s.PersistentVolumeClaimVolumeSource) => one(k8s.toJson_PersistentVolumeClaimVolumeSource, v),
  projectedVolume: (v?: k8s.ProjectedVolumeSource) => one(k8s.toJson_ProjectedVolumeSource, v),
  csiVolume: (v?: k8s.CsiVolumeSource) => one(k8s.toJson_CsiVolumeSource, v),
  objectMeta: (v?: k8s.ObjectMeta) => one(k8s.toJson_ObjectMeta, v),
  pvcSpec: (v?: k8s.PersistentVolumeClaimSpec) => one(k8s.toJson_PersistentVolumeClaimSpec, v),
};
