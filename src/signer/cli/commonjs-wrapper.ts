/**
 * The launcher (`launch.ts`) compiles the CLI bundle itself, as Node would a CommonJS module, so that it
 * can hand V8 the code cache the build made. A V8 code cache is only accepted for the very source text it
 * was made from: the build (scripts/build.mjs) and the launcher both wrap the bundle with these.
 */

/** Suffix of the V8 code cache beside the CLI bundle (the package has one; the image has none). */
export const CODE_CACHE_SUFFIX = '.v8cache';

/** `source` as the function Node's CommonJS loader would make of it. */
export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}
