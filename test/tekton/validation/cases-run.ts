/**
 * Failing cases for TaskRuns and PipelineRuns.
 */
import { validContext } from './fixtures.js';
import { flags, pipelineRun, taskRun, type FailCase } from './cases-helpers.js';
import { IMAGE, validPipeline, validTask as validTaskManifest } from './fixtures.js';

const inlinePipeline = pipelineRun((m) => {
  delete m.spec.pipelineRef;
  m.spec.pipelineSpec = validPipeline().spec;
});

const nonRootPvcTaskRun = taskRun((m) => {
  delete m.spec.taskRef;
  m.spec.params = [];
  m.spec.taskSpec = { workspaces: [{ name: 'data' }], steps: [{ name: 'write', image: IMAGE, script: '#!/bin/sh\necho > $(workspaces.data.path)/x\n', securityContext: { runAsUser: 1000 } }] };
  m.spec.workspaces = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
});

export const RUN_CASES: readonly FailCase[] = [
  { id: 'RUN-11', what: 'a map for a param the run passes as a string (crashes the v1.15 webhook)', manifest: pipelineRun((m) => { delete m.spec.pipelineRef; m.spec.pipelineSpec = { tasks: [{ name: 't', taskRef: { name: 'x' }, params: [{ name: 'IMAGE', value: { url: 'u' } }] }] }; }), message: /the Tekton v1.15 webhook crashes on this PipelineRun/ },
  { id: 'WS-12', what: 'non-root step writes a PVC workspace and the run sets no fsGroup', manifest: nonRootPvcTaskRun, message: /backed by a PersistentVolumeClaim and written by a step that runs as non-root/, severity: 'warning', path: 'spec.workspaces[data]' },
  { id: 'API-1', what: 'a v1beta1 Task', manifest: () => ({ ...validTaskManifest(), apiVersion: 'tekton.dev/v1beta1' }), message: /tekton.dev\/v1beta1 Task is not validated/, path: 'apiVersion' },
  { id: 'API-1', what: 'no apiVersion', manifest: () => ({ ...validTaskManifest(), apiVersion: undefined }), message: /the Task has no apiVersion/ },
  { id: 'SCH-3', what: 'a misspelt step field', manifest: taskRun((m) => (m.spec.serviceAcountName = 'x')), message: /unknown field "serviceAcountName"/, path: 'spec.serviceAcountName' },
  { id: 'SCH-3', what: 'a v1beta1-only field in a v1 PipelineRun', manifest: pipelineRun((m) => (m.spec.timeout = '1h')), message: /unknown field "timeout"/, path: 'spec.timeout' },
  { id: 'SCH-2', what: 'a run param without value', manifest: taskRun((m) => m.spec.params.push({ name: 'EXTRA' })), message: /missing field "value"/, path: 'spec.params[1].value' },
  { id: 'SCH-1', what: 'retries as a string', manifest: taskRun((m) => (m.spec.retries = '2')), message: /expected an integer, found a string/, path: 'spec.retries' },
  { id: 'SCH-1', what: 'a timeout that is not a duration', manifest: pipelineRun((m) => (m.spec.timeouts.pipeline = '1 hour')), message: /"1 hour" is not a duration/, path: 'spec.timeouts.pipeline' },
  { id: 'RUN-1', what: 'taskRef and taskSpec together', manifest: taskRun((m) => (m.spec.taskSpec = { steps: [] })), message: /run must set exactly one of taskRef and taskSpec/ },
  { id: 'RUN-1', what: 'neither pipelineRef nor pipelineSpec', manifest: pipelineRun((m) => delete m.spec.pipelineRef), message: /run must set exactly one of pipelineRef and pipelineSpec/ },
  { id: 'RUN-2', what: 'params differing only in case', manifest: taskRun((m) => m.spec.params.push({ name: 'image', value: 'x' })), message: /param "image" is passed more than once \(names are case-insensitive\)/ },
  { id: 'RUN-3', what: 'task result in a PipelineRun param', manifest: pipelineRun((m) => (m.spec.params[0].value = '$(tasks.build.results.IMAGE_URL)')), message: /params of a PipelineRun cannot use task results/ },
  { id: 'WS-5', what: 'binding with two sources (RUN-4)', manifest: taskRun((m) => (m.spec.workspaces[0].emptyDir = {})), message: /workspace binding has more than one volume source: emptyDir, secret/ },
  { id: 'WS-5', what: 'secret binding without secretName', manifest: taskRun((m) => (m.spec.workspaces[0].secret = {})), message: /secret binding needs secretName/ },
  { id: 'WS-6', what: 'workspace bound twice', manifest: pipelineRun((m) => m.spec.workspaces.push({ name: 'source', emptyDir: {} })), message: /workspace "source" is bound more than once/ },
  { id: 'RUN-5', what: 'unknown TaskRun status', manifest: taskRun((m) => (m.spec.status = 'Cancelled')), message: /status must be TaskRunCancelled or TaskRunPending/ },
  { id: 'RUN-5', what: 'unknown PipelineRun status', manifest: pipelineRun((m) => (m.spec.status = 'Stopped')), message: /status must be Cancelled, CancelledRunFinally/ },
  { id: 'RUN-5', what: 'statusMessage without status', manifest: taskRun((m) => (m.spec.statusMessage = 'why')), message: /statusMessage needs status/ },
  { id: 'RUN-6', what: 'negative TaskRun retries', manifest: taskRun((m) => (m.spec.retries = -1)), message: /retries must not be negative/ },
  { id: 'RUN-6', what: 'negative TaskRun timeout', manifest: taskRun((m) => (m.spec.timeout = '-5m')), message: /timeout must be a non-negative duration/ },
  { id: 'RUN-7', what: 'tasks timeout longer than pipeline', manifest: pipelineRun((m) => (m.spec.timeouts = { pipeline: '1h', tasks: '2h' })), message: /timeouts.tasks is longer than timeouts.pipeline/ },
  { id: 'RUN-7', what: 'tasks plus finally exceed pipeline', manifest: pipelineRun((m) => (m.spec.timeouts = { pipeline: '1h', tasks: '40m', finally: '30m' })), message: /timeouts.tasks plus timeouts.finally exceed timeouts.pipeline/ },
  { id: 'RUN-7', what: 'no tasks timeout with a pipeline timeout', manifest: pipelineRun((m) => (m.spec.timeouts = { tasks: '0' })), message: /timeouts.tasks "0" \(no timeout\) needs timeouts.pipeline "0" too/ },
  { id: 'RUN-14', what: 'taskRunSpecs without pipelineTaskName', manifest: pipelineRun((m) => (m.spec.taskRunSpecs = [{ serviceAccountName: 'x' }])), message: /taskRunSpecs entry has no pipelineTaskName/ },
  { id: 'RUN-8', what: 'computeResources with step resources', manifest: taskRun((m) => { m.spec.computeResources = { limits: { cpu: '1' } }; m.spec.stepSpecs = [{ name: 'sign', computeResources: { limits: { cpu: '1' } } }]; }), message: /task-level computeResources cannot be combined with stepSpecs/ },
  { id: 'RUN-9', what: 'debug without alpha', manifest: taskRun((m) => (m.spec.debug = { breakpoints: { onFailure: 'enabled' } })), message: /debug needs enable-api-fields "alpha"/ },
  { id: 'RUN-10', what: 'forbidden env in the pod template', manifest: taskRun((m) => (m.spec.podTemplate = { env: [{ name: 'HOME', value: '/x' }] })), message: /env variable "HOME" is forbidden by default-forbidden-env/, context: flags({ 'default-forbidden-env': 'HOME,PATH' }) },
  { id: 'RUN-11', what: 'inline taskSpec uses an undeclared param', manifest: taskRun((m) => { delete m.spec.taskRef; m.spec.taskSpec = { steps: [{ name: 's', image: 'ghcr.io/x/y@sha256:' + 'c'.repeat(64), args: ['$(params.NOPE)'] }] }; }), message: /param "NOPE" is not declared/, path: 'spec.taskSpec.steps[0].args[0]' },
  { id: 'RUN-12', what: 'inline pipelineSpec disabled', manifest: inlinePipeline, message: /inline pipelineSpec is disabled by disable-inline-spec/, context: flags({ 'disable-inline-spec': 'pipelinerun' }) },
  { id: 'RUN-14', what: 'required pipeline param missing', manifest: pipelineRun((m) => (m.spec.params = [])), message: /param "IMAGE" is required by the Pipeline but not passed/ },
  { id: 'RUN-14', what: 'required Task param missing from a TaskRun', manifest: taskRun((m) => (m.spec.params = [])), message: /param "IMAGE" is required by the Task but not passed/ },
  { id: 'RUN-14', what: 'taskRunSpecs for an unknown pipeline task', manifest: pipelineRun((m) => (m.spec.taskRunSpecs = [{ pipelineTaskName: 'deploy' }])), message: /taskRunSpecs names pipeline task "deploy", which the Pipeline does not have/ },
  { id: 'WS-7', what: 'TaskRun binding an undeclared workspace', manifest: taskRun((m) => m.spec.workspaces.push({ name: 'cache', emptyDir: {} })), message: /binding "cache" does not match any declared workspace/ },
  { id: 'WS-8', what: 'required pipeline workspace not bound', manifest: pipelineRun((m) => m.spec.workspaces.pop()), message: /pipeline workspace "signing-keys" is required but has not been bound/ },
  { id: 'WS-10', what: 'two PVCs for one task', manifest: pipelineRun((m) => (m.spec.workspaces[1] = { name: 'signing-keys', persistentVolumeClaim: { claimName: 'keys' } })), message: /would bind more than one PersistentVolumeClaim/, context: validContext({ findPipeline: () => { const p = validPipeline(); p.spec.tasks[0].workspaces.push({ name: 'keys', workspace: 'signing-keys' }); p.spec.tasks[0].taskSpec.workspaces.push({ name: 'keys' }); return p; } }) },
  { id: 'WS-11', what: 'secret bound to a writable workspace', manifest: taskRun(() => undefined), message: /secret or configMap bound to workspace "keys", which is not readOnly/, severity: 'warning', context: validContext({ findTask: () => { const t = JSON.parse(JSON.stringify(validContext().findTask?.('cosign-sign'))); t.spec.workspaces[0].readOnly = false; return t; } }) },
];
