import { describe, expect, it } from 'vitest';
import { kyvernoImageReferences, parseRepositoryPatterns, policyControllerImageGlobs } from '../../src/policies/index.js';

const where = 'test/policy';

describe('parseRepositoryPatterns', () => {
  it('translates to each verifier, de-duplicated in input order', () => {
    const repos = parseRepositoryPatterns(
      ['registry.example.com/team/app', 'localhost:5000/app', 'registry.example.com/team/app', 'ghcr.io/org/**'],
      where,
    );
    expect(kyvernoImageReferences(repos)).toEqual([
      'registry.example.com/team/app:*',
      'registry.example.com/team/app@*',
      'localhost:5000/app:*',
      'localhost:5000/app@*',
      'ghcr.io/org/*:*',
      'ghcr.io/org/*@*',
    ]);
    expect(policyControllerImageGlobs(repos)).toEqual([
      'registry.example.com/team/app:**',
      'registry.example.com/team/app@**',
      'localhost:5000/app:**',
      'localhost:5000/app@**',
      'ghcr.io/org/**:**',
      'ghcr.io/org/**@**',
    ]);
  });

  it('spells Docker Hub the way each verifier normalises it', () => {
    const repos = parseRepositoryPatterns(['docker.io/nginx', 'index.docker.io/org/app'], where);
    expect(kyvernoImageReferences(repos)).toEqual([
      'docker.io/library/nginx:*',
      'docker.io/library/nginx@*',
      'docker.io/org/app:*',
      'docker.io/org/app@*',
    ]);
    expect(policyControllerImageGlobs(repos)[0]).toBe('index.docker.io/library/nginx:**');
  });

  it('keeps single-segment wildcards and registry ports', () => {
    const repos = parseRepositoryPatterns(['registry:5000/team/*-service', '10.0.0.1:5000/x'], where);
    expect(policyControllerImageGlobs(repos)).toContain('registry:5000/team/*-service@**');
  });

  it('fails for an empty list', () => {
    expect(() => parseRepositoryPatterns([], where)).toThrowErrorMatchingInlineSnapshot(
      `[PolicyError: test/policy: repositories is empty: list the image repositories the pipeline pushes to, e.g. 'registry.example.com/team/app']`,
    );
  });

  it.each([
    ['app', /no registry host/],
    ['registry.example.com/app:latest', /tags are not allowed/],
    ['registry.example.com/app@sha256:abc', /digests are not allowed/],
    ['*.example.com/app', /wildcards are not allowed in the registry host/],
    ['Registry.example.com/App', /lower-case/],
    ['registry.example.com/team//app', /path segment '' is empty/],
    ['registry.example.com/team/a**b', /'\*\*' must be a whole path segment/],
    ['registry.example.com/te[am]/app', /characters outside/],
    ['registry.example.com/app/', /path segment ''/],
    [' registry.example.com/app', /surrounding spaces/],
    ['nodots/app', /is not a registry host/],
  ])('fails for the invalid glob %j', (pattern, why) => {
    expect(() => parseRepositoryPatterns([pattern], where)).toThrow(why);
  });
});
