import { SIGNER_FLAGS } from '../../shared/constants.js';
import { usageError } from './errors.js';

/** Parses repeated `-a key=value` flags; the value may contain `=`, the key may not be empty. */
export function parseAnnotations(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of values) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw usageError(`annotation "${item}" is not key=value (-a/--${SIGNER_FLAGS.annotations}); write it as -a key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
