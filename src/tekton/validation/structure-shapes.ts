/**
 * The JSON shape of each Tekton object, as Tekton's webhook decodes it (strict decoding: an unknown
 * field or a value of the wrong JSON type is refused before any rule runs). Written by hand from the
 * typed model in src/tekton/model and the field lists of Tekton v1.15's Go types; Kubernetes core
 * types nested inside (securityContext, volumes, probes, affinity…) are checked as objects only.
 */

/** What a JSON value must look like. */
export type Shape =
  | 'string'
  | 'boolean'
  | 'integer'
  /** A Go `metav1.Duration`: a string Go's time.ParseDuration accepts. */
  | 'duration'
  /** A Kubernetes quantity: a string or a number. */
  | 'quantity'
  /** Any JSON object, fields unchecked (Kubernetes core types). */
  | 'object'
  /** Anything (Tekton's ParamValue turns any JSON into a string, list or map). */
  | 'any'
  | { readonly list: Shape }
  | { readonly map: Shape }
  | Fields;

/** An object with known fields. */
export interface Fields {
  readonly fields: Readonly<Record<string, Shape | (() => Shape)>>;
  /** Fields the webhook cannot do without (it fails re-encoding the object). @default - none */
  readonly required?: readonly string[];
}

const list = (of: Shape): Shape => ({ list: of });
const map = (of: Shape): Shape => ({ map: of });
const fields = (f: Fields['fields'], required?: readonly string[]): Fields => (required ? { fields: f, required } : { fields: f });
const strings = list('string');
const stringMap = map('string');

// A ParamValue has no "unset" form: without a value (null is fine) the webhook fails to re-encode it.
const param = fields({ name: 'string', value: 'any' }, ['value']);
const params = list(param);
const resolverRef = { resolver: 'string', params } as const;

// The Kubernetes core types signet's constructs write (k8s.SecurityContext, EnvVar, ...) are checked
// field by field too; the rest (volumes, probes, affinity...) as objects.
const seLinux = fields({ user: 'string', role: 'string', type: 'string', level: 'string' });
const windows = fields({ gmsaCredentialSpecName: 'string', gmsaCredentialSpec: 'string', runAsUserName: 'string', hostProcess: 'boolean' });
const profile = fields({ type: 'string', localhostProfile: 'string' });
const securityContext = fields({
  capabilities: fields({ add: strings, drop: strings }), privileged: 'boolean', seLinuxOptions: seLinux, windowsOptions: windows, runAsUser: 'integer',
  runAsGroup: 'integer', runAsNonRoot: 'boolean', readOnlyRootFilesystem: 'boolean', allowPrivilegeEscalation: 'boolean', procMount: 'string',
  seccompProfile: profile, appArmorProfile: profile,
});
const podSecurityContext = fields({
  seLinuxOptions: seLinux, windowsOptions: windows, runAsUser: 'integer', runAsGroup: 'integer', runAsNonRoot: 'boolean', supplementalGroups: list('integer'),
  supplementalGroupsPolicy: 'string', fsGroup: 'integer', sysctls: list(fields({ name: 'string', value: 'string' })), fsGroupChangePolicy: 'string',
  seccompProfile: profile, appArmorProfile: profile, seLinuxChangePolicy: 'string',
});
const keyRef = fields({ name: 'string', key: 'string', optional: 'boolean' });
const envVar = fields({
  name: 'string', value: 'string',
  valueFrom: fields({
    fieldRef: fields({ apiVersion: 'string', fieldPath: 'string' }), resourceFieldRef: fields({ containerName: 'string', resource: 'string', divisor: 'quantity' }),
    configMapKeyRef: keyRef, secretKeyRef: keyRef, fileKeyRef: fields({ volumeName: 'string', path: 'string', key: 'string', optional: 'boolean' }),
  }),
});
const envFrom = fields({ prefix: 'string', configMapRef: fields({ name: 'string', optional: 'boolean' }), secretRef: fields({ name: 'string', optional: 'boolean' }) });
const containerPort = fields({ name: 'string', hostPort: 'integer', containerPort: 'integer', protocol: 'string', hostIP: 'string' });
const toleration = fields({ key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'integer' });
const volumeMount = fields({
  name: 'string', mountPath: 'string', subPath: 'string', readOnly: 'boolean', mountPropagation: 'string', subPathExpr: 'string', recursiveReadOnly: 'string',
});
const resources = fields({ limits: map('quantity'), requests: map('quantity'), claims: list('object') });
const workspaceUsage = fields({ name: 'string', mountPath: 'string' });
const outputConfig = fields({ path: 'string' });
const propertySpec = fields({ type: 'string' });
const when = list(fields({ input: 'string', operator: 'string', values: strings, cel: 'string' }));

/** ContainerFields of the model: what steps, sidecars and stepTemplate share. */
const container = {
  image: 'string', command: strings, args: strings, workingDir: 'string', env: list(envVar), envFrom: list(envFrom), computeResources: resources,
  volumeMounts: list(volumeMount), volumeDevices: list(fields({ name: 'string', devicePath: 'string' })), imagePullPolicy: 'string', securityContext,
} as const;

const stepResult = fields({ name: 'string', type: 'string', properties: map(propertySpec), description: 'string' });

const step = fields({
  ...container, name: 'string', displayName: 'string', script: 'string', timeout: 'duration', workspaces: list(workspaceUsage), onError: 'string',
  stdoutConfig: outputConfig, stderrConfig: outputConfig, ref: fields({ name: 'string', ...resolverRef }), params, results: list(stepResult), when,
});

const sidecar = fields({
  ...container, name: 'string', script: 'string', ports: list(containerPort), livenessProbe: 'object', readinessProbe: 'object', startupProbe: 'object',
  lifecycle: 'object', terminationMessagePath: 'string', terminationMessagePolicy: 'string', stdin: 'boolean', stdinOnce: 'boolean', tty: 'boolean',
  workspaces: list(workspaceUsage), restartPolicy: 'string',
});

const paramSpec = fields({ name: 'string', type: 'string', description: 'string', properties: map(propertySpec), default: 'any', enum: strings });

const taskSpecFields = {
  params: list(paramSpec), displayName: 'string', description: 'string', steps: list(step), volumes: list('object'), stepTemplate: fields(container),
  sidecars: list(sidecar),
  workspaces: list(fields({ name: 'string', description: 'string', mountPath: 'string', readOnly: 'boolean', optional: 'boolean' })),
  results: list(fields({ name: 'string', type: 'string', properties: map(propertySpec), description: 'string', value: 'any' })),
} as const;

/** A Task's spec. */
export const TASK_SPEC: Shape = fields(taskSpecFields);

const metadataLite = fields({ labels: stringMap, annotations: stringMap });

/** taskSpec of a pipeline task (EmbeddedTask): a TaskSpec, or a custom task's spec. */
const embeddedTask = fields({ ...taskSpecFields, apiVersion: 'string', kind: 'string', spec: 'any', metadata: metadataLite });

const pipelineTask = (): Shape =>
  fields({
    name: 'string', displayName: 'string', description: 'string', taskRef: fields({ name: 'string', kind: 'string', apiVersion: 'string', ...resolverRef }),
    taskSpec: embeddedTask, when, retries: 'integer', runAfter: strings, params,
    matrix: fields({ params, include: list(fields({ name: 'string', params })) }),
    workspaces: list(fields({ name: 'string', workspace: 'string', subPath: 'string' })), timeout: 'duration',
    pipelineRef: fields({ name: 'string', apiVersion: 'string', ...resolverRef }), pipelineSpec: () => PIPELINE_SPEC, onError: 'string',
  });

/** A Pipeline's spec. */
export const PIPELINE_SPEC: Shape = fields({
  displayName: 'string', description: 'string', tasks: list(pipelineTask()), params: list(paramSpec),
  workspaces: list(fields({ name: 'string', description: 'string', optional: 'boolean' })),
  results: list(fields({ name: 'string', type: 'string', description: 'string', value: 'any' }, ['value'])), finally: list(pipelineTask()),
});

const podTemplate = fields({
  nodeSelector: stringMap, env: list(envVar), tolerations: list(toleration), affinity: 'object', securityContext: podSecurityContext, volumes: list('object'),
  runtimeClassName: 'string', automountServiceAccountToken: 'boolean', dnsPolicy: 'string', dnsConfig: 'object', enableServiceLinks: 'boolean',
  priorityClassName: 'string', schedulerName: 'string', imagePullSecrets: list('object'), hostAliases: list('object'), hostNetwork: 'boolean',
  hostUsers: 'boolean', topologySpreadConstraints: list('object'),
});

const workspaceBinding = fields({
  name: 'string', subPath: 'string', volumeClaimTemplate: 'object', persistentVolumeClaim: fields({ claimName: 'string', readOnly: 'boolean' }),
  emptyDir: fields({ medium: 'string', sizeLimit: 'quantity' }), configMap: 'object', secret: 'object', projected: 'object', csi: 'object',
});

const overrides = list(fields({ name: 'string', computeResources: resources }));

/** A TaskRun's spec. */
export const TASK_RUN_SPEC: Shape = fields({
  debug: fields({ breakpoints: fields({ onFailure: 'string', beforeSteps: strings }) }), params, serviceAccountName: 'string',
  taskRef: fields({ name: 'string', kind: 'string', apiVersion: 'string', ...resolverRef }), taskSpec: TASK_SPEC, status: 'string', statusMessage: 'string',
  retries: 'integer', timeout: 'duration', podTemplate, workspaces: list(workspaceBinding), stepSpecs: overrides, sidecarSpecs: overrides,
  computeResources: resources, managedBy: 'string',
});

/** A PipelineRun's spec. */
export const PIPELINE_RUN_SPEC: Shape = fields({
  pipelineRef: fields({ name: 'string', apiVersion: 'string', ...resolverRef }), pipelineSpec: PIPELINE_SPEC, params, status: 'string',
  timeouts: fields({ pipeline: 'duration', tasks: 'duration', finally: 'duration' }),
  taskRunTemplate: fields({ podTemplate, serviceAccountName: 'string' }), workspaces: list(workspaceBinding),
  taskRunSpecs: list(
    fields({
      pipelineTaskName: 'string', serviceAccountName: 'string', podTemplate, stepSpecs: overrides, sidecarSpecs: overrides, metadata: metadataLite,
      computeResources: resources, timeout: 'duration',
    }),
  ),
  managedBy: 'string',
});

/** A StepAction's spec (tekton.dev/v1beta1). */
export const STEP_ACTION_SPEC: Shape = fields({
  description: 'string', image: 'string', command: strings, args: strings, env: list(envVar), script: 'string', workingDir: 'string',
  params: list(paramSpec), results: list(stepResult), securityContext, volumeMounts: list(volumeMount),
});

/** The top level of each kind: metadata is the API server's business, the webhook skips it. */
export function objectShape(spec: Shape, hasStatus: boolean): Shape {
  return fields({ apiVersion: 'string', kind: 'string', metadata: 'object', spec, ...(hasStatus ? { status: 'object' } : {}) });
}
