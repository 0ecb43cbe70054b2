/**
 * Renders TaskRunSpec, PipelineRunSpec and StepActionSpec to plain Tekton JSON.
 */
import type { PodTemplate } from '../model/pod-template.js';
import type { ContainerResourceSpec, PipelineRunSpec, TaskRunSpec } from '../model/run-specs.js';
import type { StepActionSpec } from '../model/step-action-spec.js';
import { coreJson } from './core.js';
import { compact, type JsonObject, mapList } from './json.js';
import { renderParams, renderParamSpec, renderRef, renderStepResult, renderWorkspaceBinding } from './params.js';
import { renderPipelineSpec } from './pipeline-spec.js';
import { renderTaskSpec } from './task-spec.js';

/** A pod template. */
export function renderPodTemplate(p: PodTemplate): JsonObject {
  return compact({
    nodeSelector: p.nodeSelector ? { ...p.nodeSelector } : undefined,
    env: coreJson.envVars(p.env),
    tolerations: coreJson.tolerations(p.tolerations),
    affinity: coreJson.affinity(p.affinity),
    securityContext: coreJson.podSecurityContext(p.securityContext),
    volumes: coreJson.volumes(p.volumes),
    runtimeClassName: p.runtimeClassName,
    automountServiceAccountToken: p.automountServiceAccountToken,
    dnsPolicy: p.dnsPolicy,
    dnsConfig: coreJson.dnsConfig(p.dnsConfig),
    enableServiceLinks: p.enableServiceLinks,
    priorityClassName: p.priorityClassName,
    schedulerName: p.schedulerName,
    imagePullSecrets: coreJson.localObjectReferences(p.imagePullSecrets),
    hostAliases: coreJson.hostAliases(p.hostAliases),
    hostNetwork: p.hostNetwork,
    hostUsers: p.hostUsers,
    topologySpreadConstraints: coreJson.topologySpreadConstraints(p.topologySpreadConstraints),
  });
}

function renderContainerResources(specs: readonly ContainerResourceSpec[] | undefined): JsonObject[] | undefined {
  return mapList(specs, (s) => compact({ name: s.name, computeResources: coreJson.resources(s.computeResources) }));
}

/** A TaskRunSpec. */
export function renderTaskRunSpec(spec: TaskRunSpec): JsonObject {
  return compact({
    taskRef: spec.taskRef ? renderRef(spec.taskRef) : undefined,
    taskSpec: spec.taskSpec ? renderTaskSpec(spec.taskSpec) : undefined,
    params: renderParams(spec.params),
    serviceAccountName: spec.serviceAccountName,
    workspaces: mapList(spec.workspaces, renderWorkspaceBinding),
    podTemplate: spec.podTemplate ? renderPodTemplate(spec.podTemplate) : undefined,
    timeout: spec.timeout,
    retries: spec.retries,
    status: spec.status,
    statusMessage: spec.statusMessage,
    stepSpecs: renderContainerResources(spec.stepSpecs),
    sidecarSpecs: renderContainerResources(spec.sidecarSpecs),
    computeResources: coreJson.resources(spec.computeResources),
    managedBy: spec.managedBy,
  });
}

/** A PipelineRunSpec. */
export function renderPipelineRunSpec(spec: PipelineRunSpec): JsonObject {
  const tpl = spec.taskRunTemplate;
  return compact({
    pipelineRef: spec.pipelineRef ? renderRef(spec.pipelineRef) : undefined,
    pipelineSpec: spec.pipelineSpec ? renderPipelineSpec(spec.pipelineSpec) : undefined,
    params: renderParams(spec.params),
    workspaces: mapList(spec.workspaces, renderWorkspaceBinding),
    taskRunTemplate: tpl
      ? compact({
          serviceAccountName: tpl.serviceAccountName,
          podTemplate: tpl.podTemplate ? renderPodTemplate(tpl.podTemplate) : undefined,
        })
      : undefined,
    timeouts: spec.timeouts
      ? compact({ pipeline: spec.timeouts.pipeline, tasks: spec.timeouts.tasks, finally: spec.timeouts.finally })
      : undefined,
    taskRunSpecs: mapList(spec.taskRunSpecs, (s) =>
      compact({
        pipelineTaskName: s.pipelineTaskName,
        serviceAccountName: s.serviceAccountName,
        podTemplate: s.podTemplate ? renderPodTemplate(s.podTemplate) : undefined,
        stepSpecs: renderContainerResources(s.stepSpecs),
        sidecarSpecs: renderContainerResources(s.sidecarSpecs),
        metadata: s.metadata
          ? compact({ labels: s.metadata.labels ? { ...s.metadata.labels } : undefined, annotations: s.metadata.annotations ? { ...s.metadata.annotations } : undefined })
          : undefined,
        computeResources: coreJson.resources(s.computeResources),
        timeout: s.timeout,
      }),
    ),
    status: spec.status,
    managedBy: spec.managedBy,
  });
}

/** A StepActionSpec. */
export function renderStepActionSpec(spec: StepActionSpec): JsonObject {
  return compact({
    description: spec.description,
    image: spec.image,
    command: spec.command ? [...spec.command] : undefined,
    args: spec.args ? [...spec.args] : undefined,
    env: coreJson.envVars(spec.env),
    script: spec.script,
    workingDir: spec.workingDir,
    params: mapList(spec.params, renderParamSpec),
    results: mapList(spec.results, renderStepResult),
    securityContext: coreJson.securityContext(spec.securityContext),
    volumeMounts: coreJson.volumeMounts(spec.volumeMounts),
  });
}

