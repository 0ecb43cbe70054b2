import { SIGNER_FLAGS } from '../../shared/constants.js';
import { goBool } from './bundle-format-flag.js';
import { usageError } from './errors.js';

/**
 * cosign's `--recursive`/`-r` is a Go boolean flag: bare means true, `--recursive=false` turns it off
 * (the form the cosign-sign Task passes, `--recursive=$(params.RECURSIVE)`). parseArgs cannot express
 * that, so the bare forms are rewritten to `=true` before parsing (up to `--`: what follows is the image)
 * and the option is declared as a string.
 */
export function normaliseRecursiveFlag(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  const rest = end === -1 ? [] : args.slice(end);
  const bare = [`--${SIGNER_FLAGS.recursive}`, '-r'];
  return [...flags.map((arg) => (bare.includes(arg) ? `--${SIGNER_FLAGS.recursive}=true` : arg)), ...rest];
}

/** The value of `--recursive`: true or false (Go's boolean spellings). */
export function recursiveFlag(value: string | undefined): boolean {
  if (value === undefined) return false;
  const parsed = goBool(value);
  if (parsed === undefined) throw usageError(`--${SIGNER_FLAGS.recursive}=${JSON.stringify(value)} is not a boolean (sign); pass --${SIGNER_FLAGS.recursive}, --${SIGNER_FLAGS.recursive}=true or --${SIGNER_FLAGS.recursive}=false`);
  return parsed;
}
