import { SIGNER_FLAGS } from '../../shared/constants.js';
import { usageError } from './errors.js';

/**
 * cosign's `--new-bundle-format` is a Go boolean flag: bare means true, `=false` turns it off.
 * parseArgs cannot express that, so the bare form is rewritten to `=true` before parsing and the
 * option is declared as a string.
 */
export function normaliseBundleFormatFlag(args: readonly string[]): string[] {
  const bare = `--${SIGNER_FLAGS.newBundleFormat}`;
  return args.map((arg) => (arg === bare ? `${bare}=true` : arg));
}

/** The value of `--new-bundle-format` for `sign`: true or false (Go's boolean spellings). */
export function signBundleFormat(value: string | undefined): boolean {
  if (value === undefined) return false;
  const parsed = goBool(value);
  if (parsed === undefined) throw usageError(`--${SIGNER_FLAGS.newBundleFormat}=${value} is not a boolean (sign); pass --${SIGNER_FLAGS.newBundleFormat} or --${SIGNER_FLAGS.newBundleFormat}=false`);
  return parsed;
}

/** The value of `--new-bundle-format` for `verify`: true (bundles only), false (`.sig` only) or auto (the default). */
export function verifyBundleFormat(value: string | undefined): 'bundle' | 'legacy' | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  const parsed = goBool(value);
  if (parsed === undefined) throw usageError(`--${SIGNER_FLAGS.newBundleFormat}=${value} is not true, false or auto (verify); pass one of them`);
  return parsed ? 'bundle' : 'legacy';
}

/** Go's `strconv.ParseBool` spellings. */
export function goBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}
