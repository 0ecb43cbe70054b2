import { usageError } from './errors.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration flag the way Go's `time.ParseDuration` reads cosign's `--timeout` (`90s`, `3m`,
 * `1m30s`, `500ms`, `1h`) into milliseconds. Zero, negative and unit-less values are usage errors.
 */
export function parseDuration(text: string, flag: string): number {
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/.test(text) ? [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)] : [];
  const ms = Math.round(parts.reduce((sum, [, value, unit]) => sum + Number(value) * (UNITS[unit ?? ''] ?? Number.NaN), 0));
  if (parts.length === 0 || !Number.isFinite(ms) || ms <= 0) {
    throw usageError(`invalid --${flag} "${text}" (command line); pass a positive duration such as 30s, 2m or 1m30s`);
  }
  return ms;
}
