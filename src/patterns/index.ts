export * from './build-and-sign-pipeline.js';
export * from './catalog-contents.js';
export * from './errors.js';
