export * from './catalog-entry.js';
export * from './catalog-files.js';
export * from './mermaid.js';
export * from './released-versions.js';
export * from './task-entries.js';
export * from './write-catalog.js';
