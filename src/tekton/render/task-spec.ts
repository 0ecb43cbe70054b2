/**
 * Renders TaskSpec, steps and sidecars to plain Tekton JSON.
 */
import type { ContainerFields, Sidecar, Step } from '../model/steps.js';
import type { EmbeddedTaskSpec, TaskSpec } from '../model/task-spec.js';
import { coreJson } from './core.js';
import { compact, type JsonObject, mapList } from './json.js';
import {
  renderParams,
  renderParamSpec,
  renderRef,
  renderStepResult,
  renderTaskResult,
  renderWhen,
  renderWorkspaceDeclaration,
  renderWorkspaceUsage,
} from './params.js';

function containerFields(c: ContainerFields): Record<string, unknown> {
  return {
    image: c.image,
    command: c.command ? [...c.command] : undefined,
    args: c.args ? [...c.args] : undefined,
    workingDir: c.workingDir,
    env: coreJson.envVars(c.env),
    envFrom: coreJson.envFrom(c.envFrom),
    computeResources: coreJson.resources(c.computeResources),
    volumeMounts: coreJson.volumeMounts(c.volumeMounts),
    volumeDevices: coreJson.volumeDevices(c.volumeDevices),
    imagePullPolicy: c.imagePullPolicy,
    securityContext: coreJson.securityContext(c.securityContext),
  };
}

/** The step template. */
export function renderStepTemplate(t: ContainerFields): JsonObject {
  return compact(containerFields(t));
}

/** One step. */
export function renderStep(step: Step): JsonObject {
  return compact({
    name: step.name,
    displayName: step.displayName,
    ...containerFields(step),
    script: step.script,
    timeout: step.timeout,
    onError: step.onError,
    stdoutConfig: step.stdoutConfig ? { path: step.stdoutConfig.path } : undefined,
    stderrConfig: step.stderrConfig ? { path: step.stderrConfig.path } : undefined,
    workspaces: mapList(step.workspaces, renderWorkspaceUsage),
    ref: step.ref ? renderRef(step.ref) : undefined,
    params: renderParams(step.params),
    results: mapList(step.results, renderStepResult),
    when: mapList(step.when, renderWhen),
  });
}

/** One sidecar. */
export function renderSidecar(sc: Sidecar): JsonObject {
  return compact({
    name: sc.name,
    ...containerFields(sc),
    script: sc.script,
    ports: coreJson.ports(sc.ports),
    livenessProbe: coreJson.probe(sc.livenessProbe),
    readinessProbe: coreJson.probe(sc.readinessProbe),
    startupProbe: coreJson.probe(sc.startupProbe),
    lifecycle: coreJson.lifecycle(sc.lifecycle),
    terminationMessagePath: sc.terminationMessagePath,
    terminationMessagePolicy: sc.terminationMessagePolicy,
    stdin: sc.stdin || undefined,
    stdinOnce: sc.stdinOnce || undefined,
    tty: sc.tty || undefined,
    workspaces: mapList(sc.workspaces, renderWorkspaceUsage),
    restartPolicy: sc.restartPolicy,
  });
}

/** A TaskSpec. */
export function renderTaskSpec(spec: TaskSpec): JsonObject {
  const stepTemplate = spec.stepTemplate ? renderStepTemplate(spec.stepTemplate) : undefined;
  return compact({
    displayName: spec.displayName,
    description: spec.description,
    params: mapList(spec.params, renderParamSpec),
    workspaces: mapList(spec.workspaces, renderWorkspaceDeclaration),
    results: mapList(spec.results, renderTaskResult),
    steps: spec.steps.map(renderStep),
    stepTemplate,
    sidecars: mapList(spec.sidecars, renderSidecar),
    volumes: coreJson.volumes(spec.volumes),
  });
}

/** An inline taskSpec inside a pipeline task (TaskSpec plus optional metadata). */
export function renderEmbeddedTaskSpec(spec: EmbeddedTaskSpec): JsonObject {
  const metadata = spec.metadata
    ? compact({ labels: spec.metadata.labels ? { ...spec.metadata.labels } : undefined, annotations: spec.metadata.annotations ? { ...spec.metadata.annotations } : undefined })
    : undefined;
  return compact({ ...renderTaskSpec(spec), metadata });
}
