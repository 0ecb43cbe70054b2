/** Every failing case, one or more per rule the validator reports. */
import type { FailCase } from './cases-helpers.js';
import { PIPELINE_CASES } from './cases-pipeline.js';
import { RUN_CASES } from './cases-run.js';
import { TASK_CASES } from './cases-task.js';

export const ALL_CASES: readonly FailCase[] = [...TASK_CASES, ...PIPELINE_CASES, ...RUN_CASES];
