/**
 * lint's v1beta1 conversion against Tekton itself: Tekton's v1 examples written back as v1beta1 (the field
 * renames of tektoncd/pipeline's conversion, in reverse), judged by Tekton's webhook as v1beta1 objects (the
 * oracle) and by lint, which converts them to v1 first. Every file Tekton admits, lint admits; and the
 * conversion of each document gives back the v1 example it came from.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { convertV1beta1, lintSources } from '../../src/lint/index.js';
import { tektonVerdicts } from '../helpers/tekton-oracle.js';
import { e2eProfiles, exampleFiles, exampleName, yamlDocuments } from '../oracles/_differential.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const CONVERTED = new Set(['Task', 'Pipeline', 'TaskRun', 'PipelineRun']);

/** v1 key → v1beta1 key inside a step, sidecar, step template, or a step/sidecar spec of a run. */
const CONTAINER_KEYS = new Set(['steps', 'sidecars', 'stepTemplate', 'stepSpecs', 'sidecarSpecs', 'stepOverrides', 'sidecarOverrides']);

function rename(o: Obj, from: string, to: string): Obj {
  if (!(from in o)) return o;
  const { [from]: value, ...rest } = o;
  return { ...rest, [to]: value };
}

/** Writes a v1 object back as v1beta1: the reverse of the renames Tekton's v1beta1 → v1 conversion makes. */
function toV1beta1(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => toV1beta1(v, parentKey));
  if (!isObj(value)) return value;
  let o: Obj = {};
  for (const [k, v] of Object.entries(value)) o[k] = toV1beta1(v, k);
  if (CONTAINER_KEYS.has(parentKey)) o = rename(o, 'computeResources', 'resources');
  o = rename(rename(o, 'stepSpecs', 'stepOverrides'), 'sidecarSpecs', 'sidecarOverrides');
  if (parentKey === 'taskRunSpecs') o = rename(rename(o, 'serviceAccountName', 'taskServiceAccountName'), 'podTemplate', 'taskPodTemplate');
  if (isObj(o.taskRunTemplate)) {
    const { taskRunTemplate, ...rest } = o;
    o = { ...rest, ...(taskRunTemplate as Obj) };
  }
  return o;
}

function asV1beta1(doc: Obj): Obj {
  if (doc.apiVersion !== 'tekton.dev/v1' || !CONVERTED.has(String(doc.kind))) return doc;
  return { ...doc, apiVersion: 'tekton.dev/v1beta1', spec: toV1beta1(doc.spec) };
}

describe('v1beta1 conversion against Tekton', () => {
  const jobs = e2eProfiles().flatMap((profile) =>
    exampleFiles(profile.gate).map((file) => {
      const v1 = yamlDocuments(file);
      return { profile, file, v1, docs: v1.map(asV1beta1) };
    }),
  );

  it('converts every rewritten example back to the v1 document it came from', () => {
    const mismatches: string[] = [];
    for (const job of jobs.filter((j) => j.profile.gate === 'alpha')) {
      job.docs.forEach((doc, i) => {
        if (doc.apiVersion !== 'tekton.dev/v1beta1' || !CONVERTED.has(String(doc.kind))) return;
        const back = convertV1beta1(doc).manifest;
        const { status: _status, ...original } = job.v1[i] as Obj;
        if (JSON.stringify(sorted(back)) !== JSON.stringify(sorted(original))) mismatches.push(`${exampleName(job.file)} #${i}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('admits every rewritten example file that Tekton admits as v1beta1', () => {
    const verdicts = tektonVerdicts(jobs.flatMap((j) => j.docs.map((doc) => ({ doc, featureFlags: j.profile.featureFlags }))));
    let next = 0;
    let accepted = 0;
    const falsePositives: string[] = [];
    for (const job of jobs) {
      const mine = verdicts.slice(next, next + job.docs.length);
      next += job.docs.length;
      if (!mine.every((v) => !v.judged || v.accepted)) continue;
      accepted += 1;
      const text = job.docs.map((d) => stringify(d)).join('---\n');
      const result = lintSources([{ file: exampleName(job.file), text }], { featureFlags: job.profile.featureFlags });
      for (const f of result.findings.filter((x) => x.issue.severity === 'error')) falsePositives.push(`${job.profile.gate} ${f.file}:${f.line}:${f.column} ${f.object} [${f.issue.ruleId}] ${f.issue.path}: ${f.issue.message}`);
    }
    expect(falsePositives).toEqual([]);
    // most examples convert; far fewer would mean the rewrite or the oracle broke
    expect(accepted).toBeGreaterThan(250);
  });
});

describe('what does not convert, against Tekton', () => {
  it('CONV-1 (PipelineResources) is an error where Tekton\'s webhook refuses them; CONV-2 only warns where it admits', () => {
    const docs: Obj[] = [
      { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 't' }, spec: { resources: { inputs: [{ name: 'src', type: 'git' }] }, steps: [{ name: 's', image: 'alpine' }] } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { resources: [{ name: 'src', type: 'git' }], tasks: [{ name: 'a', taskRef: { name: 't' }, resources: { inputs: [{ name: 'src', resource: 'src' }] } }] } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 't' }, resources: { inputs: [{ name: 'src', resourceRef: { name: 'x' } }] } } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 'ports' }, spec: { steps: [{ name: 's', image: 'alpine', ports: [{ containerPort: 80 }], tty: true }] } },
    ];
    const tekton = tektonVerdicts(docs.map((doc) => ({ doc }))).map((v) => v.accepted);
    const signet = docs.map((doc) => {
      const { issues } = convertV1beta1(doc);
      return { accepted: !issues.some((i) => i.severity === 'error'), ids: [...new Set(issues.map((i) => i.ruleId))] };
    });
    expect(tekton).toEqual([false, false, false, true]);
    expect(signet).toEqual([
      { accepted: false, ids: ['CONV-1'] },
      { accepted: false, ids: ['CONV-1'] },
      { accepted: false, ids: ['CONV-1'] },
      { accepted: true, ids: ['CONV-2'] },
    ]);
  });
});

describe('v1 names in v1beta1 objects, against Tekton', () => {
  it('reports them as unknown fields (SCH-3) where Tekton\'s strict decoding of v1beta1 refuses them', () => {
    const docs: Obj[] = [
      { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 's', image: 'alpine', computeResources: {} }] } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 't' }, spec: { stepTemplate: { computeResources: {} }, sidecars: [{ name: 'x', image: 'a', computeResources: {} }], steps: [{ name: 's', image: 'alpine' }] } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'p' }, spec: { pipelineRef: { name: 'p' }, taskRunTemplate: { serviceAccountName: 'x' } } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'p' }, spec: { pipelineRef: { name: 'p' }, taskRunSpecs: [{ pipelineTaskName: 'a', serviceAccountName: 'x', podTemplate: {}, stepSpecs: [] }] } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 't' }, stepSpecs: [{ name: 's', computeResources: {} }] } },
      { apiVersion: 'tekton.dev/v1beta1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 't' }, stepOverrides: [{ name: 's', computeResources: {} }] } },
    ];
    const tekton = tektonVerdicts(docs.map((doc) => ({ doc })));
    expect(tekton.map((v) => `${v.accepted} ${v.stage}`)).toEqual(docs.map(() => 'false decode'));
    const paths = docs.map((doc) => convertV1beta1(doc).issues.filter((i) => i.ruleId === 'SCH-3').map((i) => i.path));
    expect(paths).toEqual([
      ['spec.steps[s].computeResources'],
      ['spec.sidecars[x].computeResources', 'spec.stepTemplate.computeResources'],
      ['spec.taskRunTemplate'],
      ['spec.taskRunSpecs[0].serviceAccountName', 'spec.taskRunSpecs[0].podTemplate', 'spec.taskRunSpecs[0].stepSpecs'],
      ['spec.stepSpecs'],
      ['spec.stepOverrides[s].computeResources'],
    ]);
  });
});

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
}
