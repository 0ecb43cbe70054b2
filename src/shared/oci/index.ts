/**
 * The OCI foundation both sides import (as go-containerregistry's `pkg/name` serves `remote` and `authn`):
 * image references, digests, media types and descriptors. Node built-ins only.
 */
export * from './descriptor.js';
export * from './digest.js';
export * from './media-types.js';
export * from './reference.js';
