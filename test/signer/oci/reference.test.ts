import { describe, expect, it } from 'vitest';

import { formatReference, InvalidReferenceError, isDigest, isTag, parseReference, repositoryName } from '../../../src/signer/oci/index.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['busybox', 'index.docker.io', 'library/busybox', undefined, undefined],
    ['busybox:1.36', 'index.docker.io', 'library/busybox', '1.36', undefined],
    ['docker.io/busybox', 'index.docker.io', 'library/busybox', undefined, undefined],
    ['docker.io/library/busybox', 'index.docker.io', 'library/busybox', undefined, undefined],
    ['index.docker.io/foo/bar', 'index.docker.io', 'foo/bar', undefined, undefined],
    ['foo/bar', 'index.docker.io', 'foo/bar', undefined, undefined],
    ['ghcr.io/org/app:v1', 'ghcr.io', 'org/app', 'v1', undefined],
    [`ghcr.io/org/app@${D}`, 'ghcr.io', 'org/app', undefined, D],
    [`ghcr.io/org/app:v1@${D}`, 'ghcr.io', 'org/app', 'v1', D],
    ['127.0.0.1:5000/app', '127.0.0.1:5000', 'app', undefined, undefined],
    ['localhost:5000/a/b/c:tag', 'localhost:5000', 'a/b/c', 'tag', undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['[::1]:5000/app:x', '[::1]:5000', 'app', 'x', undefined],
    ['quay.io/a-b/c_d.e__f:Tag_1.0-x', 'quay.io', 'a-b/c_d.e__f', 'Tag_1.0-x', undefined],
  ])('parses %s', (input, registry, repository, tag, digest) => {
    const ref = parseReference(input);
    expect(ref).toEqual({ registry, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) });
  });

  it('formats back to registry/repository[:tag][@digest]', () => {
    expect(formatReference(parseReference(`busybox:1@${D}`))).toBe(`index.docker.io/library/busybox:1@${D}`);
    expect(repositoryName(parseReference('127.0.0.1:5000/app:x'))).toBe('127.0.0.1:5000/app');
  });

  it.each([
    ['', /empty/],
    ['Foo/bar', /lower-case/],
    ['ghcr.io/Org/app', /lower-case/],
    ['app:', /tag/],
    ['app:-x', /tag/],
    [`app:${'t'.repeat(129)}`, /tag/],
    ['app@sha256:abc', /digest/],
    [`app@md5:${'a'.repeat(32)}`, /digest/],
    [`app@sha256:${'A'.repeat(64)}`, /digest/],
    ['https://ghcr.io/app', /scheme/],
    ['ghcr.io/', /repository/],
    ['ghcr.io//app', /repository component/],
    ['app name', /white space/],
    ['bad_host.:5000/app', /registry/],
    [`ghcr.io/${'a'.repeat(260)}`, /longer than/],
  ])('fails on %j', (input, message) => {
    expect(() => parseReference(input)).toThrow(InvalidReferenceError);
    expect(() => parseReference(input)).toThrow(message);
  });

  it('throws one-line messages that name the input and say what to use', () => {
    try {
      parseReference('Foo');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toMatch(/^invalid image reference "Foo": .*; use registry\/repository/);
      expect((error as InvalidReferenceError).code).toBe('REFERENCE_INVALID');
    }
  });
});

describe('isDigest and isTag', () => {
  it.each([D, `sha384:${'b'.repeat(96)}`, `sha512:${'c'.repeat(128)}`])('accepts %s', (d) => expect(isDigest(d)).toBe(true));

  it.each(['constructor:abc', 'toString:abc', '__proto__:abc', 'hasOwnProperty:x', `SHA256:${'a'.repeat(64)}`, `sha256:${'A'.repeat(64)}`, 'sha256:../x', `sha256:${'a'.repeat(64)}:x`, 'md5:abc', ''])(
    'refuses %j without throwing',
    (d) => expect(isDigest(d)).toBe(false),
  );

  it('tells tags from paths', () => {
    expect(['latest', 'v1.2', 'sha256-abc.sig', '_x'].map(isTag)).toEqual([true, true, true, true]);
    expect(['', '.x', '-x', 'a/b', '../x', 'a?b', 'x'.repeat(129)].map(isTag)).toEqual(Array(7).fill(false));
  });
});
