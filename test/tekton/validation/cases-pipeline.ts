/**
 * Failing cases for Pipelines: structure, DAG, pipeline tasks, when, matrix, refs and results.
 */
import { validContext, validTask } from './fixtures.js';
import { build, flags, pipeline, report, sign, task, type FailCase, type Json } from './cases-helpers.js';

const taskWith = (change: (t: Json) => void): ReturnType<typeof validContext> =>
  validContext({
    findTask: (name) => {
      if (name !== 'cosign-sign') return undefined;
      const t = validTask();
      change(t);
      return t;
    },
  });

export const PIPELINE_CASES: readonly FailCase[] = [
  { id: 'PL-1', what: 'empty spec', manifest: pipeline((m) => (m.spec = {})), message: /pipeline spec is empty/ },
  { id: 'PL-2', what: 'finally without tasks', manifest: pipeline((m) => { m.spec.tasks = []; delete m.spec.results; }), message: /finally tasks need at least one task/ },
  { id: 'NAME-PT', what: 'pipeline task name not a label', manifest: pipeline((m) => { report(m).name = 'Report_It'; }), message: /pipeline task name must be a DNS-1123 label/, path: 'spec.finally[Report_It].name' },
  { id: 'DAG-1', what: 'task name reused in finally', manifest: pipeline((m) => (report(m).name = 'build')), message: /pipeline task name "build" is used more than once/ },
  { id: 'DAG-2', what: 'runAfter an unknown task', manifest: pipeline((m) => (sign(m).runAfter = ['compile'])), message: /task "sign" depends on "compile" but "compile" wasn't present/, path: 'spec.tasks[sign].runAfter[0]' },
  { id: 'DAG-2', what: 'result of an unknown task', manifest: pipeline((m) => (sign(m).params[0].value = '$(tasks.compile.results.IMAGE_DIGEST)')), message: /points at task "compile", which is not in the pipeline/, path: 'spec.tasks[sign].params[IMAGE].value' },
  { id: 'DAG-2', what: 'tasks refer to a finally task result', manifest: pipeline((m) => (sign(m).params[0].value = '$(tasks.report.results.x)')), message: /points at finally task "report"/ },
  { id: 'DAG-3', what: 'cycle through runAfter and results', manifest: pipeline((m) => (build(m).runAfter = ['sign'])), message: /cycle detected: build -> sign -> build/ },
  { id: 'FIN-1', what: 'finally with runAfter', manifest: pipeline((m) => (report(m).runAfter = ['sign'])), message: /finally tasks cannot use runAfter/ },
  { id: 'FIN-2', what: 'finally refers to a finally result', manifest: pipeline((m) => { m.spec.finally.push({ ...report(m), name: 'report2' }); report(m).params[0].value = '$(tasks.report2.results.x)'; }), message: /only spec.tasks results can be used here/ },
  { id: 'FIN-3', what: 'task status used in tasks', manifest: pipeline((m) => sign(m).params.push({ name: 'S', value: '$(tasks.build.status)' })), message: /can only be used in finally tasks/ },
  { id: 'PT-1', what: 'taskRef and taskSpec together', manifest: pipeline((m) => (sign(m).taskSpec = build(m).taskSpec)), message: /pipeline task sets more than one of taskRef, taskSpec/ },
  { id: 'PT-1', what: 'pipelineRef without alpha', manifest: pipeline((m) => { delete sign(m).taskRef; sign(m).pipelineRef = { name: 'child' }; }), message: /pipelineRef \(pipelines in pipelines\) needs enable-api-fields "alpha"/ },
  { id: 'PT-2', what: 'inline spec disabled', manifest: pipeline(() => undefined), message: /inline taskSpec is disabled by disable-inline-spec/, context: flags({ 'disable-inline-spec': 'pipeline' }) },
  { id: 'PT-3', what: 'taskSpec with steps and kind', manifest: pipeline((m) => (build(m).taskSpec.kind = 'Task')), message: /a taskSpec with steps must not set apiVersion or kind/ },
  { id: 'PT-4', what: 'custom task without apiVersion', manifest: pipeline((m) => (sign(m).taskRef = { name: 'approve', kind: 'Approval' })), message: /a custom task needs both kind and apiVersion/ },
  { id: 'PT-5', what: 'embedded taskSpec uses an undeclared param', manifest: pipeline((m) => build(m).taskSpec.steps[0].env.push({ name: 'X', value: '$(params.NOPE)' })), message: /param "NOPE" is not declared/, path: 'spec.tasks[build].taskSpec.steps[0].env[X].value' },
  { id: 'PT-6', what: 'param passed twice', manifest: pipeline((m) => sign(m).params.push({ name: 'IMAGE', value: 'x' })), message: /param "IMAGE" is passed more than once/ },
  { id: 'PT-7', what: 'undeclared pipeline param', manifest: pipeline((m) => (build(m).params[0].value = '$(params.NOPE)')), message: /param "NOPE" is not declared by the pipeline/, path: 'spec.tasks[build].params[IMAGE].value' },
  { id: 'PT-7', what: 'array param inside a string', manifest: pipeline((m) => (build(m).params[0].value = 'x-$(params.PLATFORMS[*])')), message: /must be the whole value or a whole array element/ },
  { id: 'PT-7', what: 'undeclared param in when input (WHEN-7)', manifest: pipeline((m) => (sign(m).when[0].input = '$(params.NOPE)')), message: /param "NOPE" is not declared by the pipeline/, path: 'spec.tasks[sign].when[0].input' },
  { id: 'PT-8', what: 'resolver on stable', manifest: pipeline((m) => (sign(m).taskRef = { resolver: 'cluster', params: [{ name: 'name', value: 'cosign-sign' }] })), message: /remote resolution \(resolver, params\) needs enable-api-fields/, context: flags({ 'enable-api-fields': 'stable' }) },
  { id: 'PT-9', what: 'onError continue with retries', manifest: pipeline((m) => (sign(m).onError = 'continue')), message: /onError "continue" cannot be combined with retries/ },
  { id: 'PT-9', what: 'unknown onError', manifest: pipeline((m) => (sign(m).onError = 'ignore')), message: /pipeline task onError must be "continue" or "stopAndFail"/ },
  { id: 'PT-10', what: 'result of a pipeline-in-pipeline task', manifest: pipeline((m) => { delete build(m).taskSpec; build(m).pipelineRef = { name: 'child' }; }), message: /results of pipeline-in-pipeline task "build" cannot be referenced/, context: flags({ 'enable-api-fields': 'alpha' }) },
  { id: 'PT-11', what: 'required Task param not passed', manifest: pipeline((m) => sign(m).params.shift()), message: /param "IMAGE" is required by Task "cosign-sign" but not passed/ },
  { id: 'PT-11', what: 'param type mismatch', manifest: pipeline((m) => (sign(m).params[1].value = 'not-an-array')), message: /param "FLAGS" of Task "cosign-sign" is a array, but a string is passed/ },
  { id: 'PT-12', what: 'unknown task result', manifest: pipeline((m) => (sign(m).params[0].value = '$(tasks.build.results.DIGEST)')), message: /task "build" \(inline taskSpec\) declares no result "DIGEST"/ },
  { id: 'PT-13', what: 'extra param passed', manifest: pipeline((m) => sign(m).params.push({ name: 'EXTRA', value: 'x' })), message: /param "EXTRA" is not declared by Task "cosign-sign" and is ignored/, severity: 'warning' },
  { id: 'PT-14', what: 'negative retries', manifest: pipeline((m) => (sign(m).retries = -1)), message: /retries must not be negative/, severity: 'warning' },
  { id: 'P-5', what: 'pipeline param name (lint)', manifest: pipeline((m) => m.spec.params.push({ name: '9LIVES', type: 'string', default: '' })), message: /param name must start with a letter/, severity: 'warning' },
  { id: 'P-7', what: 'pipeline param feeds an enum param without enum', manifest: pipeline((m) => (sign(m).params[0].value = '$(params.IMAGE)')), message: /feeds enum param "IMAGE" but its enum is not a subset/, context: { ...taskWith((t) => (t.spec.params[0].enum = ['a', 'b'])), featureFlags: { 'enable-param-enum': 'true' } } },
  { id: 'PRES-1', what: 'pipeline result without a reference', manifest: pipeline((m) => (m.spec.results[0].value = 'constant')), message: /pipeline result value must contain a task result reference/ },
  { id: 'PRES-1', what: 'pipeline result with a param reference', manifest: pipeline((m) => (m.spec.results[0].value = '$(params.IMAGE)')), message: /is not a task result reference/ },
  { id: 'PRES-2', what: 'pipeline result of an unknown task', manifest: pipeline((m) => (m.spec.results[0].value = '$(tasks.nope.results.x)')), message: /refers to task "nope", which is not in spec.tasks/ },
  { id: 'PRES-3', what: 'pipeline result names an undeclared result', manifest: pipeline((m) => (m.spec.results[0].value = '$(tasks.sign.results.NOPE)')), message: /task "sign" \(Task "cosign-sign"\) declares no result "NOPE"/ },
  { id: 'PRES-4', what: 'duplicate pipeline result', manifest: pipeline((m) => m.spec.results.push({ ...m.spec.results[0] })), message: /pipeline result "IMAGE_DIGEST" is declared more than once/, severity: 'warning' },
  { id: 'WS-3', what: 'duplicate pipeline workspace', manifest: pipeline((m) => m.spec.workspaces.push({ name: 'source' })), message: /pipeline workspace "source" is declared more than once/ },
  { id: 'WS-4', what: 'binding to an undeclared pipeline workspace', manifest: pipeline((m) => (sign(m).workspaces[0].workspace = 'keys')), message: /pipeline workspace "keys" is not declared/, path: 'spec.tasks[sign].workspaces[keys].workspace' },
  { id: 'WS-7', what: 'required Task workspace not bound', manifest: pipeline((m) => (sign(m).workspaces = [])), message: /workspace "keys" is required by Task "cosign-sign" but not bound/ },
  { id: 'WS-7', what: 'binding the Task does not declare', manifest: pipeline((m) => sign(m).workspaces.push({ name: 'extra', workspace: 'source' })), message: /workspace binding "extra" does not match any workspace declared by Task "cosign-sign"/ },
  { id: 'WS-9', what: 'optional pipeline workspace feeds a required one', manifest: pipeline((m) => (m.spec.workspaces[1].optional = true)), message: /optional pipeline workspace "signing-keys" feeds non-optional workspace "keys"/ },
  { id: 'VAR-3', what: 'shell variable in a pipeline task param', manifest: pipeline((m) => (build(m).params[0].value = '$(HOME)/app')), message: /\$\(HOME\) is not a tekton variable/ },
  { id: 'VAR-4', what: 'unknown pipeline context variable in the last task', manifest: pipeline((m) => (sign(m).params[0].value = '$(context.pipelineRun.labels)')), message: /unknown context variable \$\(context.pipelineRun.labels\)/ },
  { id: 'VAR-4', what: 'unknown pipeline context variable in another task (unchecked by the webhook)', manifest: pipeline((m) => (build(m).params[0].value = '$(context.pipelineRun.labels)')), message: /unknown context variable \$\(context.pipelineRun.labels\)/, severity: 'warning' },
  { id: 'VAR-5', what: 'result reference with too many parts', manifest: pipeline((m) => (sign(m).params[0].value = '$(tasks.build.results.IMAGE_DIGEST.a.b)')), message: /malformed task result reference/, severity: 'warning' },
  { id: 'VAR-6', what: 'bound of an undeclared pipeline workspace', manifest: pipeline((m) => (sign(m).when[0].input = '$(workspaces.nope.bound)')), message: /does not name a declared pipeline workspace's .bound/, severity: 'warning' },
  { id: 'WHEN-1', what: 'empty when expression', manifest: pipeline((m) => sign(m).when.push({})), message: /when expression is empty/ },
  { id: 'WHEN-2', what: 'unknown operator', manifest: pipeline((m) => (sign(m).when[0].operator = 'equals')), message: /when operator must be "in" or "notin"/ },
  { id: 'WHEN-3', what: 'no values', manifest: pipeline((m) => (sign(m).when[0].values = [])), message: /when expression needs at least one value/ },
  { id: 'WHEN-4', what: 'cel without the flag', manifest: pipeline((m) => (sign(m).when = [{ cel: "'$(params.IMAGE)' != ''" }])), message: /cel in when expressions needs enable-cel-in-whenexpression/ },
  { id: 'WHEN-5', what: 'cel with input', manifest: pipeline((m) => (sign(m).when[0].cel = "'a' == 'a'")), message: /cel cannot be combined with input, operator or values/, context: flags({ 'enable-cel-in-whenexpression': 'true' }) },
  { id: 'WHEN-6', what: 'cel with an unquoted variable', manifest: pipeline((m) => (sign(m).when = [{ cel: "$(params.IMAGE) != ''" }])), message: /cel expression does not compile: tekton variable outside quotes/, context: flags({ 'enable-cel-in-whenexpression': 'true' }) },
  { id: 'WHEN-6', what: 'cel with a bare identifier', manifest: pipeline((m) => (sign(m).when = [{ cel: "params.branch == 'main'" }])), message: /undeclared reference to "params"/, context: flags({ 'enable-cel-in-whenexpression': 'true' }) },
  { id: 'MX-1', what: 'matrix on stable', manifest: pipeline((m) => (report(m).matrix = { params: [{ name: 'P', value: ['a'] }] })), message: /matrix needs enable-api-fields/, context: flags({ 'enable-api-fields': 'stable' }) },
  { id: 'MX-2', what: 'too many combinations', manifest: pipeline((m) => (report(m).matrix = { params: [{ name: 'A', value: Array.from({ length: 20 }, (_, i) => `${i}`) }, { name: 'B', value: Array.from({ length: 20 }, (_, i) => `${i}`) }] })), message: /matrix fans out into 400 combinations, more than the limit of 256/ },
  { id: 'MX-3', what: 'duplicate matrix params', manifest: pipeline((m) => (report(m).matrix = { params: [{ name: 'A', value: ['a'] }, { name: 'A', value: ['b'] }] })), message: /matrix param "A" is given more than once/ },
  { id: 'MX-4', what: 'param in matrix and params', manifest: pipeline((m) => (report(m).matrix = { params: [{ name: 'STATUS', value: ['a'] }] })), message: /param "STATUS" is both in matrix and in params/ },
  { id: 'MX-8', what: 'matrix value not an array', manifest: pipeline((m) => (report(m).matrix = { params: [{ name: 'A', value: 'a' }] })), message: /matrix param values must be arrays/ },
  { id: 'MX-6', what: 'matrixed result used without [*]', manifest: pipeline((m) => (build(m).matrix = { params: [{ name: 'ARCH', value: ['amd64', 'arm64'] }] })), message: /results of matrixed task "build" can only be used whole, with \[\*\]/ },
  { id: 'MX-7', what: 'array result of a matrixed task consumed', manifest: pipeline((m) => { build(m).matrix = { params: [{ name: 'ARCH', value: ['amd64'] }] }; build(m).taskSpec.results[0].type = 'array'; sign(m).params[0].value = '$(tasks.build.results.IMAGE_DIGEST[*])'; }), message: /result "IMAGE_DIGEST" of matrixed task "build" is consumed, so it must be of type string/ },
  { id: 'REF-1', what: 'empty taskRef', manifest: pipeline((m) => (sign(m).taskRef = {})), message: /ref has neither a name nor a resolver/ },
  { id: 'REF-2', what: 'params without resolver', manifest: pipeline((m) => (sign(m).taskRef = { name: 'cosign-sign', params: [{ name: 'a', value: 'b' }] })), message: /ref params need a resolver/ },
  { id: 'REF-3', what: 'step ref resolver on stable', manifest: task((m) => (m.spec.steps = [{ name: 'x', ref: { resolver: 'git', params: [] } }])), message: /remote resolution \(resolver, params\) needs enable-api-fields/, context: flags({ 'enable-api-fields': 'stable' }) },
  { id: 'REF-4', what: 'ref name not a qualified name', manifest: pipeline((m) => (sign(m).taskRef = { name: 'cosign sign', kind: 'Task' })), message: /ref name must be a Kubernetes qualified name/ },
  { id: 'REF-4', what: 'url-like name without the flag', manifest: pipeline((m) => (sign(m).taskRef = { name: 'bundle://ghcr.io/x/y', resolver: 'bundles' })), message: /a url-like ref name needs enable-concise-resolver-syntax/ },
  { id: 'REF-5', what: 'resolver param given twice', manifest: pipeline((m) => (sign(m).taskRef = { resolver: 'cluster', params: [{ name: 'name', value: 'a' }, { name: 'Name', value: 'b' }] })), message: /resolver param "Name" is given more than once/ },
  { id: 'REF-6', what: 'git resolver without a pinned revision', manifest: pipeline((m) => (sign(m).taskRef = { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/r.git' }, { name: 'pathInRepo', value: 't.yaml' }, { name: 'revision', value: 'main' }] })), message: /git resolver revision is not pinned to a commit sha/, severity: 'warning' },
  { id: 'CAT-8', what: 'deprecated Task referenced', manifest: pipeline(() => undefined), message: /Task "cosign-sign" is marked deprecated/, severity: 'warning', context: taskWith((t) => (t.metadata.annotations = { 'tekton.dev/deprecated': 'true' })) },
  { id: 'SA-7', what: 'StepAction param not declared and required one missing', manifest: task((m) => m.spec.steps.push({ name: 'print', ref: { name: 'print-digest' }, params: [{ name: 'EXTRA', value: 'x' }] })), message: /param "EXTRA" is not declared by StepAction "print-digest"/ },
  { id: 'SA-7', what: 'StepAction required param missing', manifest: task((m) => m.spec.steps.push({ name: 'print', ref: { name: 'print-digest' } })), message: /param "DIGEST" is required by StepAction "print-digest" but not passed/ },
];

