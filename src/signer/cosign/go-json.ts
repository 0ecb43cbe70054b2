/**
 * JSON text exactly as Go's `encoding/json` writes it (compact, HTML-safe escaping), so digests of
 * what we build match what cosign builds. Objects keep insertion order: callers list fields in Go
 * struct order and sort map keys with {@link sortedByGoOrder}.
 */

/** A JSON value we can encode. `undefined` object members are skipped (Go's `omitempty`). */
export type GoJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly GoJsonValue[]
  | GoJsonMap
  | { readonly [key: string]: GoJsonValue | undefined };

/**
 * A JSON object whose member order is given explicitly. Plain JS objects cannot carry arbitrary
 * key order (integer-like keys such as "10" always come first), so Go maps use this.
 */
export class GoJsonMap {
  public constructor(public readonly entries: ReadonlyArray<readonly [string, GoJsonValue]>) {}
}

const HEX = '0123456789abcdef';

/** Encodes a string like Go: `<`, `>`, `&`, U+2028 and U+2029 as `\u….`, lone surrogates as U+FFFD. */
export function goJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
      } else {
        out += '\\ufffd'; // Go cannot hold a lone surrogate either; it writes the replacement character.
      }
      continue;
    }
    out += escapeUnit(code, value[i]!);
  }
  return `${out}"`;
}

function escapeUnit(code: number, char: string): string {
  switch (char) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      if (code < 0x20 || char === '<' || char === '>' || char === '&') return `\\u00${HEX[code >> 4]}${HEX[code & 0xf]}`;
      if (code === 0x2028 || code === 0x2029) return `\\u${code.toString(16)}`;
      return char;
  }
}

/** Encodes a value as compact Go JSON (integers only; Go's float formatting is not needed here). */
export function goJson(value: GoJsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`cannot encode ${value} as a Go JSON integer`);
    return String(value);
  }
  if (typeof value === 'string') return goJsonString(value);
  if (Array.isArray(value)) return `[${value.map((item: GoJsonValue) => goJson(item)).join(',')}]`;
  if (value instanceof GoJsonMap) return `{${value.entries.map(([key, member]) => `${goJsonString(key)}:${goJson(member)}`).join(',')}}`;
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) members.push(`${goJsonString(key)}:${goJson(member)}`);
  }
  return `{${members.join(',')}}`;
}

/** Encodes as Go JSON and returns the UTF-8 bytes. */
export function goJsonBytes(value: GoJsonValue): Uint8Array {
  return new Uint8Array(Buffer.from(goJson(value), 'utf8'));
}

/** A Go `map[string]…` as JSON: members sorted by key in byte-wise UTF-8 order, as `encoding/json` does. */
export function goMap(record: Readonly<Record<string, GoJsonValue>>): GoJsonMap {
  const keys = Object.keys(record).sort(compareGoStrings);
  return new GoJsonMap(keys.map((key) => [key, record[key]!] as const));
}

/** Go's string order: byte-wise over UTF-8 (differs from JS's UTF-16 order for astral characters). */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
