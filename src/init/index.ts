/** `signet init`: the files of a GitOps repository that uses signet. */
export * from './scaffold.js';
export * from './templates.js';
export * from './versions.js';
