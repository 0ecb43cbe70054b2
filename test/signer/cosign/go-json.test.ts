import { describe, expect, it } from 'vitest';

import { compareGoStrings, goJson, goJsonString, goMap } from '../../../src/signer/cosign/go-json.js';

describe('goJsonString', () => {
  it('escapes HTML characters like Go', () => {
    expect(goJsonString('a<b>&c')).toBe('"a\\u003cb\\u003e\\u0026c"');
  });

  it('escapes control characters with Go’s short forms and lower-case hex', () => {
    expect(goJsonString('\b\f\n\r\t\u0000\u001f"\\')).toBe('"\\b\\f\\n\\r\\t\\u0000\\u001f\\"\\\\"');
  });

  it('escapes U+2028 and U+2029 but keeps other non-ASCII text and DEL', () => {
    expect(goJsonString('\u2028\u2029é😀\u007f')).toBe('"\\u2028\\u2029é😀\u007f"');
  });

  it('writes lone surrogates as U+FFFD like Go', () => {
    expect(goJsonString('a\ud800b\udc00')).toBe('"a\\ufffdb\\ufffd"');
  });

  it('keeps / and + unescaped (base64 signatures)', () => {
    expect(goJsonString('MEUC/+A=')).toBe('"MEUC/+A="');
  });
});

describe('goJson', () => {
  it('keeps struct member order and omits undefined members', () => {
    expect(goJson({ b: 1, a: null, c: undefined, d: [true, 'x'] })).toBe('{"b":1,"a":null,"d":[true,"x"]}');
  });

  it('sorts map keys byte-wise, including integer-like keys JS objects would reorder', () => {
    expect(goJson(goMap({ b: '1', '10': '2', '9': '3', A: '4' }))).toBe('{"10":"2","9":"3","A":"4","b":"1"}');
  });

  it('orders astral characters after the rest of the BMP (UTF-8 order, not UTF-16)', () => {
    expect(compareGoStrings('\uffff', '😀')).toBeLessThan(0);
    expect(goJson(goMap({ '😀': 'x', '\uffff': 'y' }))).toBe('{"\uffff":"y","😀":"x"}');
  });

  it('refuses non-integers', () => {
    expect(() => goJson(1.5)).toThrow(RangeError);
  });
});
