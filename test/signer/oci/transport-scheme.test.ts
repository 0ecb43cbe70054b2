import { describe, expect, it } from 'vitest';

import { SchemeMemory } from '../../../src/signer/oci/transport-scheme.js';

describe('SchemeMemory', () => {
  it('asks a loopback registry in plain HTTP first, and lends it credentials only once it answered in HTTP', () => {
    const schemes = new SchemeMemory(false);
    expect(schemes.origin('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(false);
    expect(schemes.learn(new URL('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000', 401)).toBeUndefined();
    expect(schemes.origin('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(true);
  });

  it('moves a loopback registry that does not answer plain HTTP in HTTP (a TLS server) to HTTPS, never lending it plain-HTTP credentials', () => {
    const answers: ({ status: number } | { code: string })[] = [{ status: 400 }, { code: 'ECONNRESET' }];
    for (const answer of answers) {
      const schemes = new SchemeMemory(false);
      const probe = new URL('http://127.0.0.1:5000/v2/x/manifests/latest');
      const next = 'status' in answer ? schemes.learn(probe, '127.0.0.1:5000', answer.status) : schemes.afterFailedProbe(answer.code, probe, '127.0.0.1:5000');
      expect(next?.toString()).toBe('https://127.0.0.1:5000/v2/x/manifests/latest');
      expect(schemes.learn(next!, '127.0.0.1:5000', 200)).toBeUndefined();
      expect(schemes.origin('127.0.0.1:5000')).toBe('https://127.0.0.1:5000');
      expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(false);
      // Learned: a later TLS mismatch does not downgrade it.
      expect(schemes.fallback('EPROTO', next!, '127.0.0.1:5000')).toBeUndefined();
    }
  });

  it('takes an HTTP parse error from a loopback registry for a broken HTTP server, not a TLS one', () => {
    const schemes = new SchemeMemory(false);
    expect(schemes.afterFailedProbe('HPE_INVALID_CONSTANT', new URL('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000')).toBeUndefined();
    expect(schemes.fallback('HPE_INVALID_CONSTANT', new URL('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000')).toBeUndefined();
  });

  it('keeps a plain-HTTP loopback registry\'s own 400 when HTTPS meets a plain-text answer: three tries at most', () => {
    const schemes = new SchemeMemory(false);
    const probe = new URL('http://127.0.0.1:5000/v2/');
    const https = schemes.learn(probe, '127.0.0.1:5000', 400);
    expect(https?.protocol).toBe('https:');
    const back = schemes.fallback('EPROTO', https!, '127.0.0.1:5000');
    expect(back?.toString()).toBe(probe.toString());
    expect(schemes.learn(back!, '127.0.0.1:5000', 400)).toBeUndefined();
    expect(schemes.plainHttpCredentials('127.0.0.1:5000')).toBe(true);
  });

  it('treats a remote registry as HTTPS, even with --allow-http-registry, until it answers TLS in plain text', () => {
    const schemes = new SchemeMemory(true);
    expect(schemes.origin('reg.example:5000')).toBe('https://reg.example:5000');
    expect(schemes.learn(new URL('http://reg.example:5000/v2/'), 'reg.example:5000', 400)).toBeUndefined();
  });

  it('keeps an HTTPS loopback registry HTTPS, and never lends it plain-HTTP credentials', () => {
    const schemes = new SchemeMemory(false);
    schemes.learn(new URL('https://127.0.0.1:5000/v2/'), '127.0.0.1:5000', 200);
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
