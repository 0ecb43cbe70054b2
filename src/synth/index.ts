/** The synth entry point: validate everything, report every mistake at once, keep the last good manifests. */
export * from './synth.js';
