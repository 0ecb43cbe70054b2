/** The signer image: deterministic layers, OCI layout, runtime base, lock. */
export * from './base.js';
export * from './build.js';
export * from './config.js';
export * from './constants.js';
export * from '../shared/oci/digest.js';
export * from './errors.js';
export * from './gzip.js';
export * from './layer.js';
export * from './layout.js';
export * from './lock-file.js';
export * from './manifest.js';
export * from './pull.js';
export * from './push.js';
export * from './runtime-base.js';
export * from './tar.js';
export * from './unpack.js';
