/**
 * The lint engine on sources in memory: positions of findings (line and column of the offending field),
 * multi-document YAML, JSON arrays and Lists, references across files, skipped documents, feature flags,
 * v1beta1 conversion and suppressions.
 */
import { describe, expect, it } from 'vitest';

import { lintExitCode, type LintFinding, lintSources, locate, parseSource, LintInputError } from '../../src/lint/index.js';

const lint = (files: Record<string, string>, featureFlags?: Record<string, string>) =>
  lintSources(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    featureFlags ? { featureFlags } : {},
  );
const brief = (f: LintFinding): string => `${f.file}:${f.line}:${f.column} ${f.issue.severity} ${f.issue.ruleId} ${f.issue.path}`;
const errorsOf = (findings: readonly LintFinding[]) => findings.filter((f) => f.issue.severity === 'error' && !f.issue.suppressed).map(brief);

const TASK = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: build
spec:
  params:
    - name: IMAGE
  steps:
    - name: build
      image: docker.io/library/alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000
      args: ["$(params.IMAGE)"]
`;

describe('lint engine', () => {
  it('finds nothing in a clean Task', () => {
    const result = lint({ 'task.yaml': TASK });
    expect(errorsOf(result.findings)).toEqual([]);
    expect(result.validated).toBe(1);
    expect(lintExitCode(result)).toBe(0);
  });

  it('reports each finding at the line and column of its field', () => {
    const text = `# a comment
apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: broken
spec:
  steps:
    - name: a
      image: alpine
      imagePullPolicy: IfNotPresent
    - name: a
      image: alpine
      scriptt: echo hi
`;
    const result = lint({ 'broken.yaml': text });
    const errors = errorsOf(result.findings);
    // an unknown field: at its key; a duplicate step name: at the steps key
    expect(errors).toEqual(['broken.yaml:13:7 error SCH-3 spec.steps[1].scriptt', 'broken.yaml:7:3 error STEP-1 spec.steps']);
    // warnings about the images point at each image field
    expect(result.findings.filter((f) => f.issue.ruleId === 'CAT-4').map((f) => `${f.line}:${f.column}`)).toEqual(['9:7', '9:7', '12:7', '12:7']);
    expect(lintExitCode(result)).toBe(1);
  });

  it('locates findings in the second document of a file and in a Pipeline task by name', () => {
    const text = `${TASK}---
apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: p
spec:
  tasks:
    - name: first
      taskRef:
        name: build
      params:
        - name: IMAGE
          value: x
    - name: second
      taskRef:
        name: build
      params:
        - name: IMAGE
          value: $(tasks.nothere.results.x)
`;
    const result = lint({ 'multi.yaml': text });
    expect(errorsOf(result.findings)).toEqual(['multi.yaml:30:11 error DAG-2 spec.tasks[second].params[IMAGE].value']);
  });

  it('resolves a taskRef to a Task in another file', () => {
    const pipeline = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata: { name: p }
spec:
  tasks:
    - name: t
      taskRef: { name: build }
`;
    const alone = lint({ 'pipeline.yaml': pipeline });
    const together = lint({ 'pipeline.yaml': pipeline, 'task.yaml': TASK });
    // the Task requires IMAGE, so a Pipeline that does not pass it fails only when the Task is known
    expect(errorsOf(alone.findings)).toEqual([]);
    // spec.tasks[t].params is not in the source: the finding points at the task
    expect(errorsOf(together.findings)).toEqual(['pipeline.yaml:6:7 error PT-11 spec.tasks[t].params']);
  });

  it('reads JSON: one object, an array and a List, with positions', () => {
    const json = JSON.stringify({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'j' }, spec: { steps: [{ name: 's', image: 'alpine', bogus: 1 }] } }, null, 2);
    const one = lint({ 'task.json': json });
    expect(errorsOf(one.findings)).toEqual(['task.json:12:9 error SCH-3 spec.steps[0].bogus']);
    const array = lint({ 'all.json': `[${json}, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}]` });
    expect(array.validated).toBe(1);
    expect(array.skipped).toEqual({ 'v1/ConfigMap': 1 });
    const list = lint({ 'list.yaml': `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: tekton.dev/v1\n    kind: Task\n    metadata: {name: l}\n    spec:\n      steps:\n        - {name: s, image: alpine, bogus: 1}\n` });
    expect(errorsOf(list.findings)).toEqual(['list.yaml:9:36 error SCH-3 spec.steps[0].bogus']);
  });

  it('skips and counts documents that are not Tekton objects it validates', () => {
    const result = lint({
      'mixed.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: tekton.dev/v1beta1\nkind: CustomRun\nmetadata: {name: c}\n---\n---\n${TASK}`,
    });
    expect(result.validated).toBe(1);
    expect(result.skipped).toEqual({ 'v1/Secret': 1, 'tekton.dev/v1beta1/CustomRun': 1 });
  });

  it('refuses a file that is not YAML with its position', () => {
    expect(() => parseSource({ file: 'bad.yaml', text: 'a: [1, 2\nb: c\n' })).toThrow(LintInputError);
    expect(() => parseSource({ file: 'bad.yaml', text: 'a: b\n  c: d\n' })).toThrow(/^bad\.yaml:1:4: not valid YAML or JSON \(nested mappings are not allowed in compact mappings\); fix the syntax$/i);
  });

  it('judges under the feature flags given', () => {
    const text = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata: { name: p }
spec:
  tasks:
    - name: t
      taskSpec:
        steps: [{ name: s, image: alpine }]
      when:
        - cel: "'a' == 'a'"
`;
    expect(errorsOf(lint({ 'p.yaml': text }).findings).some((f) => f.includes('WHEN-'))).toBe(true);
    expect(errorsOf(lint({ 'p.yaml': text }, { 'enable-api-fields': 'alpha', 'enable-cel-in-whenexpression': 'true' }).findings)).toEqual([]);
  });
});

describe('locating a field path', () => {
  const doc = parseSource({
    file: 'x.yaml',
    text: 'spec:\n  params:\n    - name: a.b\n      default: x\n    - name: "0"\n  taskRunSpecs:\n    - pipelineTaskName: build\n      podTemplate: {}\n',
  })[0]!;

  it('follows names with dots, entries by name before index, taskRunSpecs by pipelineTaskName', () => {
    expect(locate(doc, 'spec.params[a.b].default')).toEqual({ line: 4, column: 7 });
    expect(locate(doc, 'spec.params[0]')).toEqual({ line: 5, column: 7 });
    expect(locate(doc, 'spec.params[1]')).toEqual({ line: 5, column: 7 });
    expect(locate(doc, 'spec.taskRunSpecs[build].podTemplate')).toEqual({ line: 8, column: 7 });
  });

  it('falls back to the deepest field that exists, and the object for the root', () => {
    expect(locate(doc, 'spec.params[a.b].type')).toEqual({ line: 3, column: 7 });
    expect(locate(doc, 'spec.workspaces[w].name')).toEqual({ line: 1, column: 1 });
    expect(locate(doc, '')).toEqual({ line: 1, column: 1 });
  });
});

describe('references across documents', () => {
  it('prefer the same namespace, then the last object of that name', () => {
    const task = (ns: string, param: string) => `apiVersion: tekton.dev/v1\nkind: Task\nmetadata: { name: build, namespace: ${ns} }\nspec:\n  params: [{ name: ${param} }]\n  steps: [{ name: s, image: docker.io/library/alpine:3.20@sha256:${'0'.repeat(64)}, args: ["$(params.${param})"] }]\n`;
    const pipeline = `apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: { name: p, namespace: team-a }\nspec:\n  tasks:\n    - name: t\n      taskRef: { name: build }\n      params: [{ name: A, value: x }]\n`;
    expect(errorsOf(lint({ 'a.yaml': task('team-a', 'A'), 'b.yaml': task('team-b', 'B'), 'p.yaml': pipeline }).findings)).toEqual([]);
    expect(errorsOf(lint({ 'b.yaml': task('team-b', 'B'), 'p.yaml': pipeline }).findings)).toEqual(['p.yaml:8:7 error PT-11 spec.tasks[t].params']);
  });
});

describe('v1beta1', () => {
  it('converts a v1beta1 Task (resources become computeResources) and judges it by the v1 rules', () => {
    const text = `apiVersion: tekton.dev/v1beta1
kind: Task
metadata: { name: old }
spec:
  steps:
    - name: s
      image: alpine
      resources:
        limits: { memory: 1Gi }
    - name: s
      image: alpine
`;
    const result = lint({ 'old.yaml': text });
    expect(errorsOf(result.findings)).toEqual(['old.yaml:5:3 error STEP-1 spec.steps']);
    expect(result.findings.map((f) => f.issue.ruleId)).not.toContain('API-1');
  });

  it('reports PipelineResources, which do not convert, at their field', () => {
    const text = `apiVersion: tekton.dev/v1beta1
kind: Task
metadata: { name: old }
spec:
  resources:
    inputs:
      - { name: src, type: git }
  steps:
    - name: s
      image: alpine
      ports: [{ containerPort: 80 }]
`;
    const result = lint({ 'old.yaml': text });
    expect(errorsOf(result.findings)).toEqual(['old.yaml:5:3 error CONV-1 spec.resources']);
    expect(result.findings.filter((f) => f.issue.ruleId === 'CONV-2').map(brief)).toEqual(['old.yaml:11:7 warning CONV-2 spec.steps[s].ports']);
  });

  it('moves a v1beta1 PipelineRun\'s timeout, serviceAccountName and taskRunSpecs names to v1\'s', () => {
    const text = `apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: { name: run }
spec:
  timeout: 1h
  serviceAccountName: builder
  podTemplate: { securityContext: { fsGroup: 65532 } }
  taskRunSpecs:
    - pipelineTaskName: t
      taskServiceAccountName: other
      taskPodTemplate: { nodeSelector: { a: b } }
  pipelineSpec:
    tasks:
      - name: t
        taskSpec:
          steps: [{ name: s, image: alpine }]
`;
    expect(errorsOf(lint({ 'run.yaml': text }).findings)).toEqual([]);
    // a finding on v1's timeouts.pipeline points at v1beta1's timeout
    const broken = text.replace('timeout: 1h', 'timeout: soon');
    expect(errorsOf(lint({ 'run.yaml': broken }).findings)).toEqual(['run.yaml:5:3 error SCH-1 spec.timeouts.pipeline', 'run.yaml:5:3 error RUN-7 spec.timeouts.pipeline']);
  });
});

describe('suppressions', () => {
  const withAnnotation = (value: string): string =>
    TASK.replace('  name: build\n', `  name: build\n  annotations:\n    signet.dev/ignore: ${JSON.stringify(value)}\n`).replace('$(params.IMAGE)', '$(params.MISSING)');

  it('reports a suppressed finding as suppressed, and it does not fail', () => {
    const result = lint({ 'task.yaml': withAnnotation('T-4: MISSING comes from the environment in our fork') });
    const suppressed = result.findings.filter((f) => f.issue.suppressed);
    expect(suppressed.map((f) => [f.issue.ruleId, f.issue.suppressed?.reason, f.issue.suppressed?.severity])).toEqual([['T-4', 'MISSING comes from the environment in our fork', 'error']]);
    expect(result.suppressed).toBe(1);
    // IMAGE is now unused (T-14, a warning): without --strict the run passes
    expect(result.errors).toBe(0);
    expect(lintExitCode(result)).toBe(0);
    expect(lintExitCode(result, true)).toBe(1);
  });

  it('refuses a suppression without a reason and one of a structural rule', () => {
    const result = lint({ 'task.yaml': withAnnotation('T-4,SCH-3: typo kept on purpose') });
    expect(errorsOf(result.findings)).toEqual([
      'task.yaml:13:14 error T-4 spec.steps[0].args[0]',
      'task.yaml:6:5 error SUP-1 metadata.annotations[signet.dev/ignore]',
      'task.yaml:6:5 error SUP-2 metadata.annotations[signet.dev/ignore]',
    ]);
  });

  it('warns about a suppression that matches nothing', () => {
    const result = lint({ 'task.yaml': withAnnotation('T-4: fork\nPT-13: stale') });
    expect(result.findings.filter((f) => f.issue.ruleId === 'SUP-3').map((f) => f.issue.message)).toEqual(['suppression of PT-13 matches no finding on this object']);
  });
});
