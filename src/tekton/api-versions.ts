/**
 * apiVersion and kind strings of the Tekton objects signet emits.
 *
 * @see https://tekton.dev/docs/pipelines/ (Tekton Pipelines v1.15: Task, Pipeline, TaskRun and PipelineRun are
 *   stored as `tekton.dev/v1`; StepAction has no v1 and is stored as `tekton.dev/v1beta1`)
 */
export const TEKTON_API_VERSION = 'tekton.dev/v1';

/** StepAction is GA but its storage version is still v1beta1; there is no `tekton.dev/v1` StepAction. */
export const STEP_ACTION_API_VERSION = 'tekton.dev/v1beta1';

/** Kinds of the Tekton objects signet emits. */
export const TEKTON_KINDS = {
  task: 'Task',
  pipeline: 'Pipeline',
  taskRun: 'TaskRun',
  pipelineRun: 'PipelineRun',
  stepAction: 'StepAction',
} as const;

/** One of the Tekton kinds signet emits. */
export type TektonKind = (typeof TEKTON_KINDS)[keyof typeof TEKTON_KINDS];
