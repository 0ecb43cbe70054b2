import { describe, expect, it } from 'vitest';

import { authorizationFor, mayCarryCredentials, resolveLocation, scopeAuthorization } from '../../../src/signer/oci/transport-origin.js';
import { RegistryError } from '../../../src/signer/oci/index.js';

describe('credential scoping', () => {
  const registry = scopeAuthorization('Basic x', new URL('https://reg.example:5000/v2/'), false);

  it.each([
    ['https://reg.example:5000/v2/app/blobs/uploads/1', 'Basic x'],
    ['https://REG.example:5000/other', 'Basic x'],
    ['https://reg.example:5001/v2/', undefined],
    ['https://reg.example/v2/', undefined],
    ['http://reg.example:5000/v2/', undefined],
    ['https://evil.example:5000/v2/', undefined],
    ['https://reg.example.evil.example:5000/v2/', undefined],
  ])('%s gets %s', (url, expected) => {
    expect(authorizationFor(new URL(url), registry)).toBe(expected);
  });

  it('plain HTTP carries credentials only when allowed for that origin', () => {
    const url = new URL('http://127.0.0.1:5000/v2/');
    expect(mayCarryCredentials(url, url.origin, false)).toBe(false);
    expect(mayCarryCredentials(url, url.origin, true)).toBe(true);
    expect(mayCarryCredentials(new URL('http://127.0.0.1:5001/v2/'), url.origin, true)).toBe(false);
  });

  it('resolves absolute, relative and scheme-relative Locations', () => {
    const base = new URL('https://reg.example/v2/app/blobs/uploads/');
    expect(resolveLocation('/v2/app/blobs/uploads/1?_state=s', base, 'POST').toString()).toBe('https://reg.example/v2/app/blobs/uploads/1?_state=s');
    expect(resolveLocation('1', base, 'POST').toString()).toBe('https://reg.example/v2/app/blobs/uploads/1');
    expect(resolveLocation('//other.example:81/u', base, 'POST').origin).toBe('https://other.example:81');
  });

  it.each(['http://[bad', 'file:///etc/passwd', 'javascript:alert(1)', 'http://a b/'])('%s is a registry error', (location) => {
    const err = (() => {
      try {
        return resolveLocation(location, new URL('https://reg.example/v2/'), 'POST');
      } catch (error) {
        return error;
      }
    })();
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('REGISTRY_BAD_RESPONSE');
    expect((err as RegistryError).message).toBe('registry sent an invalid Location header (POST https://reg.example/v2/); the registry is misconfigured or not a registry');
  });
});
