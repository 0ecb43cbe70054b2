import { describe, expect, it } from 'vitest';

import { FormatError, parseSimpleSigningPayload, simpleSigningPayload } from '../../../src/signer/cosign/index.js';

const digest = `sha256:${'ab'.repeat(32)}`;
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);

function payloadError(input: string | Uint8Array): FormatError {
  try {
    parseSimpleSigningPayload(typeof input === 'string' ? bytes(input) : input);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).code).toBe('FORMAT_INVALID_PAYLOAD');
    return error as FormatError;
  }
  throw new Error('expected a FormatError');
}

const valid = (optional = 'null', critical = ''): string =>
  `{"critical":{"identity":{"docker-reference":"r/a"},"image":{"docker-manifest-digest":"${digest}"},"type":"cosign container image signature"${critical}},"optional":${optional}}`;

describe('simpleSigningPayload', () => {
  it('writes optional as null without annotations, and for an empty map', () => {
    expect(text(simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: digest }))).toBe(valid());
    expect(text(simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: digest, annotations: {} }))).toBe(valid());
  });

  it('writes annotations as an object with sorted keys and Go escaping', () => {
    const payload = simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: digest, annotations: { z: '1', a: 'x&y<z>' } });
    expect(text(payload)).toBe(valid('{"a":"x\\u0026y\\u003cz\\u003e","z":"1"}'));
  });

  it('keeps a tagged reference verbatim (containers/image identity)', () => {
    const payload = simpleSigningPayload({ dockerReference: 'index.docker.io/library/busybox:1.36', manifestDigest: digest });
    expect(parseSimpleSigningPayload(payload).dockerReference).toBe('index.docker.io/library/busybox:1.36');
  });

  it('refuses a bad digest and an empty reference', () => {
    expect(() => simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: 'sha256:abc' })).toThrow(/FORMAT|digest/);
    expect(() => simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: digest.toUpperCase() })).toThrow(FormatError);
    expect(() => simpleSigningPayload({ dockerReference: '', manifestDigest: digest })).toThrow(FormatError);
  });

  it('round trips through the parser', () => {
    const payload = simpleSigningPayload({ dockerReference: 'r/a', manifestDigest: digest, annotations: { creator: 'me', 'k&': 'v' } });
    expect(parseSimpleSigningPayload(payload)).toEqual({
      dockerReference: 'r/a',
      manifestDigest: digest,
      type: 'cosign container image signature',
      optional: { creator: 'me', 'k&': 'v' },
    });
  });
});

describe('parseSimpleSigningPayload (containers/image rules)', () => {
  it('accepts other optional keys and whitespace', () => {
    expect(parseSimpleSigningPayload(bytes(` ${valid('{"x":[1],"timestamp":5}')}\n`)).optional).toEqual({ x: [1], timestamp: 5 });
  });

  it.each([
    ['an extra field in critical', valid('null', ',"extra":1')],
    ['an extra top-level field', valid().replace(/}$/, ',"more":1}')],
    ['a missing optional', valid().replace(',"optional":null', '')],
    ['another type', valid().replace('cosign container image signature', 'atomic container signature')],
    ['an invalid digest', valid().replace(digest, 'sha256:1234')],
    ['a non-string reference', valid().replace('"r/a"', '7')],
    ['an extra field in identity', valid().replace('"r/a"', '"r/a","x":1')],
    ['an array optional', valid('[]')],
    ['a string creator', valid('{"creator":1}')],
    ['an integer timestamp', valid('{"timestamp":1.5}')],
    ['a duplicate key', valid().replace('"docker-reference":"r/a"', '"docker-reference":"r/a","docker-reference":"r/b"')],
    ['a top-level array', '[]'],
    ['broken JSON', '{"critical":'],
  ])('refuses %s', (_what, input) => {
    payloadError(input);
  });

  it('refuses invalid UTF-8', () => {
    const good = bytes(valid());
    const bad = new Uint8Array([...good.subarray(0, 40), 0xff, ...good.subarray(40)]);
    payloadError(bad);
  });

  it('names the offending field, quoting at most a short prefix', () => {
    const error = payloadError(valid('null', `,"${'x'.repeat(500)}":1`));
    expect(error.message).toContain('unexpected field');
    expect(error.message.length).toBeLessThan(200);
  });
});
