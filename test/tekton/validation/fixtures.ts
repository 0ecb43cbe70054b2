/**
 * Valid Tekton objects, one per kind, built fresh on every call so tests can break them freely.
 */
import type { ValidationContext } from '../../../src/tekton/validation/index.js';

/** A pinned image for steps (the digest is syntactically valid; nothing pulls it). */
export const IMAGE = `ghcr.io/example/tool:1.0@sha256:${'a'.repeat(64)}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Task that signs an image by digest, its params reaching the script through env. */
export function validTask(): Json {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'cosign-sign' },
    spec: {
      description: 'Signs an image by digest.',
      params: [
        { name: 'IMAGE', type: 'string', description: 'image reference, by digest' },
        { name: 'KEY_PATH', type: 'string', default: '/keys/cosign.key' },
        { name: 'FLAGS', type: 'array', default: [] },
        { name: 'OPTS', type: 'object', properties: { registry: { type: 'string' } }, default: { registry: 'ghcr.io' } },
      ],
      results: [{ name: 'SIGNATURE_DIGEST', type: 'string', description: 'digest of the signature' }],
      workspaces: [{ name: 'keys', readOnly: true, mountPath: '/keys' }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
      steps: [
        {
          name: 'sign',
          image: IMAGE,
          env: [
            { name: 'IMAGE', value: '$(params.IMAGE)' },
            { name: 'KEY_PATH', value: '$(params.KEY_PATH)' },
            { name: 'REGISTRY', value: '$(params.OPTS.registry)' },
            { name: 'KEYS_DIR', value: '$(workspaces.keys.path)' },
            { name: 'RUN', value: '$(context.taskRun.name)' },
          ],
          args: ['$(params.FLAGS[*])'],
          script: '#!/bin/sh\nset -eu\nsign "$IMAGE" "$KEY_PATH" > "$(results.SIGNATURE_DIGEST.path)"\n',
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          securityContext: { runAsNonRoot: true, runAsUser: 65532 },
          timeout: '5m',
          onError: 'stopAndFail',
        },
      ],
    },
  };
}

/** A StepAction with a param, a result and a volume named by param. */
export function validStepAction(): Json {
  return {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'print-digest' },
    spec: {
      image: IMAGE,
      params: [
        { name: 'DIGEST', type: 'string' },
        { name: 'VOLUME', type: 'string', default: 'tmp' },
      ],
      results: [{ name: 'OUT', type: 'string' }],
      env: [{ name: 'DIGEST', value: '$(params.DIGEST)' }],
      script: '#!/bin/sh\necho "$DIGEST" > "$(step.results.OUT.path)"\n',
      volumeMounts: [{ name: '$(params.VOLUME)', mountPath: '/data' }],
    },
  };
}

/** A build-and-sign Pipeline: an inline build task, the signing Task by reference, a finally task. */
export function validPipeline(): Json {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'build-and-sign-app' },
    spec: {
      params: [
        { name: 'IMAGE', type: 'string' },
        { name: 'PLATFORMS', type: 'array', default: ['linux/amd64', 'linux/arm64'] },
      ],
      workspaces: [{ name: 'source' }, { name: 'signing-keys' }],
      tasks: [
        {
          name: 'build',
          params: [{ name: 'IMAGE', value: '$(params.IMAGE)' }],
          workspaces: [{ name: 'source', workspace: 'source' }],
          taskSpec: {
            params: [{ name: 'IMAGE', type: 'string' }],
            workspaces: [{ name: 'source' }],
            results: [
              { name: 'IMAGE_DIGEST', type: 'string' },
              { name: 'IMAGE_URL', type: 'string' },
            ],
            steps: [
              {
                name: 'build',
                image: IMAGE,
                workingDir: '$(workspaces.source.path)',
                env: [{ name: 'IMAGE', value: '$(params.IMAGE)' }],
                script: '#!/bin/sh\nset -eu\nbuild "$IMAGE" "$(results.IMAGE_DIGEST.path)" "$(results.IMAGE_URL.path)"\n',
              },
            ],
          },
        },
        {
          name: 'sign',
          runAfter: ['build'],
          taskRef: { name: 'cosign-sign', kind: 'Task' },
          params: [
            { name: 'IMAGE', value: '$(tasks.build.results.IMAGE_URL)@$(tasks.build.results.IMAGE_DIGEST)' },
            { name: 'FLAGS', value: ['--tlog-upload=false', '$(params.PLATFORMS[*])'] },
          ],
          workspaces: [{ name: 'keys', workspace: 'signing-keys' }],
          when: [{ input: '$(params.IMAGE)', operator: 'notin', values: [''] }],
          retries: 1,
          timeout: '10m',
        },
      ],
      finally: [
        {
          name: 'report',
          params: [{ name: 'STATUS', value: '$(tasks.sign.status)' }],
          taskSpec: {
            params: [{ name: 'STATUS', type: 'string' }],
            steps: [{ name: 'report', image: IMAGE, env: [{ name: 'STATUS', value: '$(params.STATUS)' }], script: '#!/bin/sh\necho "$STATUS"\n' }],
          },
        },
      ],
      results: [{ name: 'IMAGE_DIGEST', value: '$(tasks.build.results.IMAGE_DIGEST)' }],
    },
  };
}

/** A PipelineRun of the Pipeline above. */
export function validPipelineRun(): Json {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { generateName: 'build-and-sign-app-' },
    spec: {
      pipelineRef: { name: 'build-and-sign-app' },
      params: [{ name: 'IMAGE', value: 'ghcr.io/example/app' }],
      workspaces: [
        { name: 'source', volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
        { name: 'signing-keys', secret: { secretName: 'cosign-signing-secret' } },
      ],
      taskRunTemplate: { serviceAccountName: 'builder' },
      timeouts: { pipeline: '1h', tasks: '45m', finally: '10m' },
    },
  };
}

/** A TaskRun of the Task above. */
export function validTaskRun(): Json {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'sign-once' },
    spec: {
      taskRef: { name: 'cosign-sign' },
      params: [{ name: 'IMAGE', value: `ghcr.io/example/app@sha256:${'b'.repeat(64)}` }],
      workspaces: [{ name: 'keys', secret: { secretName: 'cosign-signing-secret' } }],
      timeout: '30m',
      retries: 0,
    },
  };
}

/** A context in which the fixtures' references resolve. */
export function validContext(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    findTask: (name) => (name === 'cosign-sign' ? validTask() : undefined),
    findPipeline: (name) => (name === 'build-and-sign-app' ? validPipeline() : undefined),
    findStepAction: (name) => (name === 'print-digest' ? validStepAction() : undefined),
    ...overrides,
  };
}
