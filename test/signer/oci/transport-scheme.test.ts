import { describe, expect, it } from 'vitest';

import { SchemeMemory } from '../../../src/signer/oci/transport-scheme.js';

describe('SchemeMemory', () => {
  it('treats a registry as HTTPS until a loopback registry answers TLS in plain text', () => {
    const schemes = new SchemeMemory(false);
    expect(schemes.origin('127.0.0.1:5000')).toBe('https://127.0.0.1:5000');
    expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(false);
    const plain = schemes.fallback('EPROTO', new URL('https://127.0.0.1:5000/v2/'), '127.0.0.1:5000');
    expect(plain?.toString()).toBe('http://127.0.0.1:5000/v2/');
    expect(schemes.origin('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(true);
  });

  it('keeps an HTTPS loopback registry HTTPS, and never lends it plain-HTTP credentials', () => {
    const schemes = new SchemeMemory(false);
    schemes.learn(new URL('https://127.0.0.1:5000/v2/'), '127.0.0.1:5000');
    expect(schemes.fallback('EPROTO', new URL('https://127.0.0.1:5000/v2/'), '127.0.0.1:5000')).toBeUndefined();
    expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(false);
  });

  it('never falls back for a remote registry without --allow-http-registry', () => {
    expect(new SchemeMemory(false).fallback('EPROTO', new URL('https://reg.example/v2/'), 'reg.example')).toBeUndefined();
    expect(new SchemeMemory(true).fallback('EPROTO', new URL('https://reg.example/v2/'), 'reg.example')?.protocol).toBe('http:');
  });

  it('refuses plain-HTTP URLs from a remote registry, allows them on loopback', () => {
    const schemes = new SchemeMemory(false);
    expect(() => schemes.assertAllowed(new URL('http://reg.example/v2/'), 'reg.example', 'PUT')).toThrow(/plain-HTTP URL/);
    expect(() => schemes.assertAllowed(new URL('http://127.0.0.1:9/u'), '127.0.0.1:5000', 'PUT')).not.toThrow();
  });
});
