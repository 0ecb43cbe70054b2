export * from './tekton/index.js';
export * from './constructs/index.js';
export { formatIssue, validateTektonObject } from './tekton/validation/index.js';
export type { ValidationContext, ValidationIssue } from './tekton/validation/index.js';
export * from './catalog/cosign-sign-task.js';
export * from './catalog/cosign-verify-task.js';
export * from './catalog/index.js';
export * from './patterns/index.js';
export * from './policies/index.js';
export * as signer from './signer/index.js';

// the synth entry point for users' programs (validate all, report all, keep the last good manifests)
export { synth, type SynthOptions } from './synth/index.js';
