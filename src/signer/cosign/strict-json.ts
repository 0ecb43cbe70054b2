/**
 * Duplicate-key detection for JSON text that `JSON.parse` already accepted. JSON.parse keeps the
 * last duplicate silently; containers/image refuses duplicates, and so do we, so that a payload
 * cannot mean one thing to one verifier and another thing to the next.
 */
import { quote } from './digest.js';

/** Returns the first key that occurs twice in the same object of valid JSON `text`, if any. */
export function findDuplicateKey(text: string): string | undefined {
  const scopes: Array<Set<string> | null> = []; // a Set per open object, null per open array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const scope = scopes[scopes.length - 1]!;
        if (scope.has(key)) return key;
        scope.add(key);
        expectKey = false;
      }
      i = end;
    } else if (char === '{') {
      scopes.push(new Set());
      expectKey = true;
    } else if (char === '[') {
      scopes.push(null);
      expectKey = false;
    } else if (char === '}' || char === ']') {
      scopes.pop();
      expectKey = false;
    } else if (char === ',') {
      expectKey = scopes[scopes.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses `bytes` as strict UTF-8 JSON holding one object with no duplicate keys; anything else is
 * reported through `invalid` (which names the document and returns the error to throw).
 */
export function parseStrictJsonObject(bytes: Uint8Array, invalid: (why: string) => Error): Record<string, unknown> {
  let text: string;
  let doc: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    doc = JSON.parse(text);
  } catch {
    throw invalid('it is not UTF-8 JSON');
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) throw invalid(`key ${quote(duplicate)} occurs twice`);
  if (!isJsonObject(doc)) throw invalid('it is not a JSON object');
  return doc;
}
