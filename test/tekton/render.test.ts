import { k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import {
  compact,
  pruneDeep,
  renderParamSpec,
  renderPipelineRunSpec,
  renderPipelineSpec,
  renderStepActionSpec,
  renderTaskRunSpec,
  renderTaskSpec,
  renderWorkspaceBinding,
  Resolvers,
  WorkspaceSources,
} from '../../src/tekton/index.js';

describe('json helpers', () => {
  it('drops undefined, null, empty arrays and empty objects but keeps emptyDir', () => {
    expect(compact({ a: undefined, b: null, c: [], d: {}, e: 0, f: '', emptyDir: {} })).toEqual({ e: 0, f: '', emptyDir: {} });
    expect(pruneDeep({ securityContext: {}, caps: { drop: [] }, v: { emptyDir: {} } })).toEqual({ v: { emptyDir: {} } });
  });
});

describe('renderers', () => {
  it('always emits param types and keeps meaningful empty defaults', () => {
    expect(renderParamSpec({ name: 'a' })).toEqual({ name: 'a', type: 'string' });
    expect(renderParamSpec({ name: 'args', type: 'array', default: [] })).toEqual({ name: 'args', type: 'array', default: [] });
    expect(renderParamSpec({ name: 'git', type: 'object', properties: ['url', 'rev'] })).toEqual({
      name: 'git',
      type: 'object',
      properties: { url: { type: 'string' }, rev: { type: 'string' } },
    });
    expect(renderParamSpec({ name: 'mode', default: 'fast', enum: ['fast', 'slow'] })).toEqual({
      name: 'mode',
      type: 'string',
      default: 'fast',
      enum: ['fast', 'slow'],
    });
  });

  it('renders a full TaskSpec with Kubernetes core types as plain JSON', () => {
    const spec = renderTaskSpec({
      description: 'd',
      params: [{ name: 'IMAGE' }],
      results: [{ name: 'OUT', type: 'object', properties: ['uri'] }],
      workspaces: [{ name: 'src', readOnly: true, optional: false }],
      stepTemplate: { env: [{ name: 'HOME', value: '/tekton/home' }] },
      steps: [
        {
          name: 'run',
          image: 'alpine@sha256:abc',
          script: 'echo hi',
          computeResources: { limits: { memory: k8s.Quantity.fromString('128Mi'), cpu: k8s.Quantity.fromNumber(1) } },
          volumeMounts: [{ name: 'v', mountPath: '/v' }],
          onError: 'continue',
          timeout: '5m',
          when: [{ input: '$(params.IMAGE)', operator: 'notin', values: [''] }],
        },
        { name: 'act', ref: { name: 'my-action' }, params: [{ name: 'x', value: ['a'] }] },
      ],
      sidecars: [{ name: 'registry', image: 'registry@sha256:def', ports: [{ containerPort: 5000 }] }],
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 'd', downwardApi: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ],
    });
    expect(spec).toMatchInlineSnapshot(`
      {
        "description": "d",
        "params": [
          {
            "name": "IMAGE",
            "type": "string",
          },
        ],
        "results": [
          {
            "name": "OUT",
            "properties": {
              "uri": {
                "type": "string",
              },
            },
            "type": "object",
          },
        ],
        "sidecars": [
          {
            "image": "registry@sha256:def",
            "name": "registry",
            "ports": [
              {
                "containerPort": 5000,
              },
            ],
          },
        ],
        "stepTemplate": {
          "env": [
            {
              "name": "HOME",
              "value": "/tekton/home",
            },
          ],
        },
        "steps": [
          {
            "computeResources": {
              "limits": {
                "cpu": 1,
                "memory": "128Mi",
              },
            },
            "image": "alpine@sha256:abc",
            "name": "run",
            "onError": "continue",
            "script": "echo hi",
            "timeout": "5m",
            "volumeMounts": [
              {
                "mountPath": "/v",
                "name": "v",
              },
            ],
            "when": [
              {
                "input": "$(params.IMAGE)",
                "operator": "notin",
                "values": [
                  "",
                ],
              },
            ],
          },
          {
            "name": "act",
            "params": [
              {
                "name": "x",
                "value": [
                  "a",
                ],
              },
            ],
            "ref": {
              "name": "my-action",
            },
          },
        ],
        "volumes": [
          {
            "emptyDir": {},
            "name": "v",
          },
          {
            "downwardAPI": {
              "items": [
                {
                  "fieldRef": {
                    "fieldPath": "metadata.labels",
                  },
                  "path": "labels",
                },
              ],
            },
            "name": "d",
          },
        ],
        "workspaces": [
          {
            "name": "src",
            "readOnly": true,
          },
        ],
      }
    `);
  });

  it('renders pipelines with resolver refs, matrix, when and finally', () => {
    const spec = renderPipelineSpec({
      params: [{ name: 'platforms', type: 'array', default: ['linux/amd64'] }],
      tasks: [
        {
          name: 'build',
          taskRef: Resolvers.bundles({ bundle: 'ghcr.io/x/b@sha256:1', name: 'buildah', kind: 'task' }),
          matrix: { params: [{ name: 'PLATFORM', value: ['$(params.platforms[*])'] }] },
          retries: 2,
          timeout: '10m',
        },
      ],
      finally: [{ name: 'report', taskRef: { name: 'report', kind: 'Task' }, when: [{ cel: "'$(tasks.status)' == 'Failed'" }] }],
      results: [{ name: 'D', value: '$(tasks.build.results.IMAGE_DIGEST)' }],
    });
    expect(spec.tasks).toEqual([
      {
        name: 'build',
        taskRef: {
          resolver: 'bundles',
          params: [
            { name: 'bundle', value: 'ghcr.io/x/b@sha256:1' },
            { name: 'name', value: 'buildah' },
            { name: 'kind', value: 'task' },
          ],
        },
        matrix: { params: [{ name: 'PLATFORM', value: ['$(params.platforms[*])'] }] },
        retries: 2,
        timeout: '10m',
      },
    ]);
    expect(spec.finally).toEqual([{ name: 'report', taskRef: { name: 'report', kind: 'Task' }, when: [{ cel: "'$(tasks.status)' == 'Failed'" }] }]);
    expect(spec.results).toEqual([{ name: 'D', type: 'string', value: '$(tasks.build.results.IMAGE_DIGEST)' }]);
  });

  it('renders every workspace source of a run binding', () => {
    expect(renderWorkspaceBinding({ name: 'a', ...WorkspaceSources.emptyDir() })).toEqual({ name: 'a', emptyDir: {} });
    expect(renderWorkspaceBinding({ name: 'b', ...WorkspaceSources.volumeClaimTemplate({ storage: '1Gi' }) })).toEqual({
      name: 'b',
      volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    });
    expect(renderWorkspaceBinding({ name: 'c', subPath: 'x', ...WorkspaceSources.persistentVolumeClaim('pvc') })).toEqual({
      name: 'c',
      subPath: 'x',
      persistentVolumeClaim: { claimName: 'pvc' },
    });
    expect(renderWorkspaceBinding({ name: 'd', ...WorkspaceSources.secret('s') })).toEqual({ name: 'd', secret: { secretName: 's' } });
    expect(renderWorkspaceBinding({ name: 'e', ...WorkspaceSources.configMap('cm') })).toEqual({ name: 'e', configMap: { name: 'cm' } });
  });

  it('renders run specs with taskRunTemplate and timeouts', () => {
    expect(
      renderPipelineRunSpec({
        pipelineRef: { name: 'p' },
        params: [{ name: 'IMAGE', value: 'r/app:1' }],
        taskRunTemplate: { serviceAccountName: 'builder', podTemplate: { securityContext: { fsGroup: 65532 } } },
        timeouts: { pipeline: '1h', tasks: '50m' },
      }),
    ).toEqual({
      pipelineRef: { name: 'p' },
      params: [{ name: 'IMAGE', value: 'r/app:1' }],
      taskRunTemplate: { serviceAccountName: 'builder', podTemplate: { securityContext: { fsGroup: 65532 } } },
      timeouts: { pipeline: '1h', tasks: '50m' },
    });
    expect(
      renderTaskRunSpec({ taskRef: Resolvers.cluster({ name: 't', namespace: 'shared' }), retries: 1, timeout: '0' }),
    ).toEqual({
      taskRef: { resolver: 'cluster', params: [{ name: 'name', value: 't' }, { name: 'namespace', value: 'shared' }] },
      retries: 1,
      timeout: '0',
    });
  });

  it('renders a StepAction spec', () => {
    expect(renderStepActionSpec({ image: 'i@sha256:1', params: [{ name: 'x' }], results: [{ name: 'r' }], env: [{ name: 'X', value: '$(params.x)' }] })).toEqual({
      image: 'i@sha256:1',
      env: [{ name: 'X', value: '$(params.x)' }],
      params: [{ name: 'x', type: 'string' }],
      results: [{ name: 'r', type: 'string' }],
    });
  });

  it('builds resolver refs with only the params given', () => {
    expect(Resolvers.git({ url: 'https://g/x.git', revision: 'a'.repeat(40), pathInRepo: 'task.yaml' }).params.map((p) => p.name)).toEqual([
      'url',
      'revision',
      'pathInRepo',
    ]);
    expect(Resolvers.hub({ name: 'git-clone', version: '0.9' })).toEqual({
      resolver: 'hub',
      params: [{ name: 'name', value: 'git-clone' }, { name: 'version', value: '0.9' }],
    });
    expect(Resolvers.http({ url: 'https://x/t.yaml', digest: 'sha256:1' }).params).toHaveLength(2);
  });
});
