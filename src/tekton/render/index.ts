export * from './json.js';
export * from './params.js';
export * from './pipeline-spec.js';
export * from './run-specs.js';
export * from './task-spec.js';
