/**
 * The parsers that used to differ now share one grammar (`src/shared/oci/reference.ts`); these are the cases
 * where they disagreed, with the behaviour the distribution reference grammar gives.
 */
import { describe, expect, it } from 'vitest';

import { checkPinnedImage } from '../../../src/catalog/images.js';
import { parseBaseSpec } from '../../../src/image/base.js';
import { repositoryOf } from '../../../src/patterns/index.js';
import { parseRepositoryPatterns } from '../../../src/policies/index.js';
import { hasRegistry, isRegistryHost, isRepositoryComponent } from '../../../src/shared/oci/index.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('one reference grammar', () => {
  it('the catalog accepts any registry host the grammar accepts, and wants it named', () => {
    expect(checkPinnedImage('t', `[::1]:5000/tools/x@${D}`)).toBe(`[::1]:5000/tools/x@${D}`);
    expect(checkPinnedImage('t', `localhost/tools/x:v1@${D}`)).toBe(`localhost/tools/x:v1@${D}`);
    // `library/busybox` is Docker Hub's namespace, not a registry: not fully qualified
    expect(() => checkPinnedImage('t', `library/busybox@${D}`)).toThrow(/not pinned by digest; write registry\/repository/);
    expect(() => checkPinnedImage('t', `ghcr.io/a..b/x@${D}`)).toThrow(/not pinned by digest/);
    expect(() => checkPinnedImage('t', `ghcr.io/x@sha512:${'a'.repeat(128)}`)).toThrow(/not pinned by digest/);
  });

  it('the pipeline derives its admission repository with the grammar, Docker Hub included', () => {
    expect(repositoryOf('nginx:1.27')).toBe('index.docker.io/library/nginx');
    expect(repositoryOf('docker.io/team/app')).toBe('index.docker.io/team/app');
    expect(repositoryOf(`registry.example.com/app@${D}`)).toBe('registry.example.com/app');
    expect(() => repositoryOf('Registry.example.com/App:1')).toThrow(/invalid image reference/);
  });

  it('a base with a tag before the digest is refused even without a slash; a malformed one says why', () => {
    expect(() => parseBaseSpec(`busybox:1.36@${D}`)).toThrow(/both a tag and a digest/);
    expect(() => parseBaseSpec(`ghcr.io/Bad/name@${D}`)).toThrow(/^base: invalid image reference .*repository component "Bad"/);
    expect(parseBaseSpec(`busybox@${D}`)).toEqual({ kind: 'registry', reference: 'busybox', digest: D });
  });

  it('repository patterns use the grammar separators, with * for letters or digits', () => {
    expect(parseRepositoryPatterns(['ghcr.io/team__x/*-svc', '[::1]:5000/app'], 't')).toEqual([
      { host: 'ghcr.io', path: 'team__x/*-svc' },
      { host: '[::1]:5000', path: 'app' },
    ]);
    expect(() => parseRepositoryPatterns(['ghcr.io/team._x/app'], 't')).toThrow(/path segment 'team\._x'/);
  });

  it('exposes the pieces the pattern parser uses', () => {
    expect(hasRegistry('localhost/x')).toBe(true);
    expect(hasRegistry('team/x')).toBe(false);
    expect(isRegistryHost('registry.example.com:5000')).toBe(true);
    expect(isRegistryHost('bad_host')).toBe(false);
    expect(isRepositoryComponent('a-b.c__d')).toBe(true);
    expect(isRepositoryComponent('a._b')).toBe(false);
  });
});
