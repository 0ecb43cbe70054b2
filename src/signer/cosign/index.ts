/**
 * cosign compatibility: the tag-based `.sig` signature format as pure functions (`format.ts`).
 * The sign and verify use cases (`sign.ts`, `verify.ts`) compose these with `oci` and `keys`.
 */
export * from './format.js';
export * from './bundle-format.js';
