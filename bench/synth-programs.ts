/**
 * The two programs the synth benchmark compares, emitting the same YAML: N pipelines of 5 tasks,
 * in charts of 100 pipelines that share a catalog of 5 Tasks (tasks reused across pipelines, as a
 * platform's catalog is). Task i+1 takes task i's result; every pipeline has two params and a workspace.
 *
 * - `buildWithConstructs`: signet's Task/Pipeline constructs, validated at synth (every object).
 * - `buildWithApiObjects`: the same objects written as raw cdk8s `ApiObject` literals, no validation.
 *
 * The constructs come as a module argument: the benchmark passes the compiled package (`lib/`, what a user's
 * `main.ts` imports from node_modules, which tsx leaves untransformed), the golden check passes `src/`.
 */
import { ApiObject, App, Chart } from 'cdk8s';

import type * as SignetConstructs from '../src/constructs/index.js';
import type { PipelineTask } from '../src/constructs/index.js';

/** The constructs module the programs build with: `src/constructs` or the compiled `lib/constructs`. */
export type ConstructsModule = Pick<typeof SignetConstructs, 'Pipeline' | 'Task' | 'TektonObject'>;

/** Pipelines per chart. */
export const PIPELINES_PER_CHART = 100;
/** Tasks per pipeline (and Tasks in each chart's shared catalog). */
export const TASKS_PER_PIPELINE = 5;
const IMAGE = `docker.io/library/alpine@sha256:${'c'.repeat(64)}`;
const SECURITY_CONTEXT = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } };

function charts(app: App, pipelines: number, each: (chart: Chart, first: number, count: number) => void): void {
  for (let c = 0; c * PIPELINES_PER_CHART < pipelines; c += 1) {
    const chart = new Chart(app, `chart-${c}`);
    each(chart, c * PIPELINES_PER_CHART, Math.min(PIPELINES_PER_CHART, pipelines - c * PIPELINES_PER_CHART));
  }
}

/** Builds the app with signet's constructs (from `signet`, see the module comment). */
export function buildWithConstructs(signet: ConstructsModule, pipelines: number): App {
  const { Pipeline, Task } = signet;
  const app = new App();
  charts(app, pipelines, (chart, first, count) => {
    const tasks = Array.from({ length: TASKS_PER_PIPELINE }, (_, t) => {
      const task = new Task(chart, `step-task-${t}`, { description: `stage ${t}` });
      const input = task.addParam('INPUT', { default: '' });
      const revision = task.addParam('REVISION');
      const out = task.addResult('OUTPUT');
      task.addWorkspace('source');
      task.addStep({ name: 'run', image: IMAGE, env: [input.toEnv(), revision.toEnv()], script: `#!/bin/sh\nset -eu\necho "$INPUT-$REVISION" > ${out.path}\n` });
      return task;
    });
    for (let p = first; p < first + count; p += 1) {
      const pipeline = new Pipeline(chart, `pipeline-${p}`, { description: `pipeline ${p}` });
      const revision = pipeline.addParam('revision');
      pipeline.addParam('url', { default: 'https://example.test/repo.git' });
      const source = pipeline.addWorkspace('source');
      let previous: PipelineTask | undefined;
      tasks.forEach((task, t) => {
        previous = pipeline.addTask(`stage-${t}`, {
          task,
          params: { INPUT: previous ? previous.result('OUTPUT') : 'start', REVISION: revision },
          workspaces: { source },
        });
      });
    }
  });
  return app;
}

/** Builds the same objects as raw `ApiObject`s (what a user of plain cdk8s writes), without validation. */
export function buildWithApiObjects(pipelines: number): App {
  const app = new App();
  charts(app, pipelines, (chart, first, count) => {
    for (let t = 0; t < TASKS_PER_PIPELINE; t += 1) {
      new ApiObject(chart, `step-task-${t}`, {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: `step-task-${t}` },
        spec: {
          description: `stage ${t}`,
          params: [{ name: 'INPUT', type: 'string', default: '' }, { name: 'REVISION', type: 'string' }],
          results: [{ name: 'OUTPUT', type: 'string' }],
          workspaces: [{ name: 'source' }],
          steps: [
            {
              name: 'run',
              image: IMAGE,
              env: [{ name: 'INPUT', value: '$(params.INPUT)' }, { name: 'REVISION', value: '$(params.REVISION)' }],
              script: '#!/bin/sh\nset -eu\necho "$INPUT-$REVISION" > $(results.OUTPUT.path)\n',
              securityContext: SECURITY_CONTEXT,
            },
          ],
        },
      });
    }
    for (let p = first; p < first + count; p += 1) {
      new ApiObject(chart, `pipeline-${p}`, {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: `pipeline-${p}` },
        spec: {
          description: `pipeline ${p}`,
          params: [{ name: 'revision', type: 'string' }, { name: 'url', type: 'string', default: 'https://example.test/repo.git' }],
          workspaces: [{ name: 'source' }],
          tasks: Array.from({ length: TASKS_PER_PIPELINE }, (_, t) => ({
            name: `stage-${t}`,
            taskRef: { name: `step-task-${t}`, kind: 'Task' },
            params: [
              { name: 'INPUT', value: t === 0 ? 'start' : `$(tasks.stage-${t - 1}.results.OUTPUT)` },
              { name: 'REVISION', value: '$(params.revision)' },
            ],
            workspaces: [{ name: 'source', workspace: 'source' }],
          })),
        },
      });
    }
  });
  return app;
}

/** The three ways the synth benchmark compares. */
export const SYNTH_SIDES = ['constructs', 'direct', 'apiObjects'] as const;
/** One of {@link SYNTH_SIDES}. */
export type SynthSide = (typeof SYNTH_SIDES)[number];

/**
 * Builds and synthesizes `pipelines` pipelines one way, returning the YAML:
 * - `constructs`: signet's constructs, the way `synth()`/`synthApp` runs it (all issues, every construct's validation, then the synth);
 * - `direct`: signet's constructs with a plain `app.synthYaml()` (validation runs through cdk8s);
 * - `apiObjects`: raw `ApiObject`s, no validation.
 */
export function synthSide(signet: ConstructsModule, side: SynthSide, pipelines: number): string {
  if (side === 'apiObjects') return buildWithApiObjects(pipelines).synthYaml();
  const app = buildWithConstructs(signet, pipelines);
  if (side === 'direct') return app.synthYaml();
  // the synthApp way: every validation first (warnings, then errors), then the synth, which validates again.
  signet.TektonObject.validateAll(app);
  for (const c of app.node.findAll()) c.node.validate();
  return app.synthYaml();
}
