/**
 * Building blocks of the failing-rule tables: each case breaks one valid fixture in one way.
 */
import type { ValidationContext } from '../../../src/tekton/validation/index.js';
import { validContext, validPipeline, validPipelineRun, validStepAction, validTask, validTaskRun } from './fixtures.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One rule broken on purpose. */
export interface FailCase {
  /** The rule id expected among the issues. */
  readonly id: string;
  /** What is broken (the test name is "fails <id>: <what>"). */
  readonly what: string;
  readonly manifest: () => Json;
  /** Expected message of the issue with this id. */
  readonly message: RegExp;
  /** Expected path, when the case pins it. */
  readonly path?: string;
  /** @default 'error' */
  readonly severity?: 'error' | 'warning';
  /** @default validContext() */
  readonly context?: ValidationContext;
}

const mutate =
  (make: () => Json) =>
  (change: (m: Json) => void): (() => Json) =>
  () => {
    const m = make();
    change(m);
    return m;
  };

export const task = mutate(validTask);
export const stepAction = mutate(validStepAction);
export const pipeline = mutate(validPipeline);
export const pipelineRun = mutate(validPipelineRun);
export const taskRun = mutate(validTaskRun);

/** A context whose feature flags are overridden. */
export const flags = (featureFlags: Record<string, string | boolean>): ValidationContext => validContext({ featureFlags });

/** The first step of a Task. */
export const step0 = (m: Json): Json => m.spec.steps[0];
/** The inline build task of the Pipeline fixture. */
export const build = (m: Json): Json => m.spec.tasks[0];
/** The sign task (taskRef) of the Pipeline fixture. */
export const sign = (m: Json): Json => m.spec.tasks[1];
/** The finally task of the Pipeline fixture. */
export const report = (m: Json): Json => m.spec.finally[0];
