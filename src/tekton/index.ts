export * from './api-versions.js';
export * from './expressions.js';
export * from './model/index.js';
export * from './names.js';
export * from './render/index.js';
export * from './resolvers.js';
export * from './workspace-sources.js';
