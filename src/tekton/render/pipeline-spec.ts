/**
 * Renders PipelineSpec and pipeline tasks to plain Tekton JSON.
 */
import type { Matrix, PipelineSpec, PipelineTaskSpec } from '../model/pipeline-spec.js';
import { compact, type JsonObject, mapList } from './json.js';
import {
  renderParam,
  renderParams,
  renderParamSpec,
  renderPipelineResult,
  renderPipelineTaskWorkspace,
  renderPipelineWorkspaceDeclaration,
  renderRef,
  renderWhen,
} from './params.js';
import { renderEmbeddedTaskSpec } from './task-spec.js';

function renderMatrix(m: Matrix): JsonObject {
  return compact({
    params: renderParams(m.params),
    include: mapList(m.include, (inc) => compact({ name: inc.name, params: inc.params.map(renderParam) })),
  });
}

/** One pipeline task. */
export function renderPipelineTask(t: PipelineTaskSpec): JsonObject {
  return compact({
    name: t.name,
    displayName: t.displayName,
    description: t.description,
    taskRef: t.taskRef ? renderRef(t.taskRef) : undefined,
    taskSpec: t.taskSpec ? renderEmbeddedTaskSpec(t.taskSpec) : undefined,
    pipelineRef: t.pipelineRef ? renderRef(t.pipelineRef) : undefined,
    params: renderParams(t.params),
    matrix: t.matrix ? renderMatrix(t.matrix) : undefined,
    workspaces: mapList(t.workspaces, renderPipelineTaskWorkspace),
    runAfter: t.runAfter && t.runAfter.length > 0 ? [...t.runAfter] : undefined,
    when: mapList(t.when, renderWhen),
    retries: t.retries,
    timeout: t.timeout,
    onError: t.onError,
  });
}

/** A PipelineSpec. */
export function renderPipelineSpec(spec: PipelineSpec): JsonObject {
  return compact({
    displayName: spec.displayName,
    description: spec.description,
    params: mapList(spec.params, renderParamSpec),
    workspaces: mapList(spec.workspaces, renderPipelineWorkspaceDeclaration),
    tasks: mapList(spec.tasks, renderPipelineTask),
    finally: mapList(spec.finally, renderPipelineTask),
    results: mapList(spec.results, renderPipelineResult),
  });
}
