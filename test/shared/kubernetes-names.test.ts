import { describe, expect, it } from 'vitest';

import { isDnsLabel, isDnsSubdomain, isQualifiedName } from '../../src/shared/kubernetes-names.js';

describe('Kubernetes names', () => {
  it('labels: lower-case alphanumerics and -, at most 63', () => {
    expect(isDnsLabel('build-and-sign')).toBe(true);
    expect(isDnsLabel('a'.repeat(63))).toBe(true);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    for (const bad of ['', '-a', 'a-', 'A', 'a.b', 'a_b']) expect(isDnsLabel(bad)).toBe(false);
  });

  it('subdomains: dotted labels, at most 253 unless a caller caps them (Tekton: 63)', () => {
    expect(isDnsSubdomain('cosign.signing-key')).toBe(true);
    expect(isDnsSubdomain(`${'a'.repeat(63)}.${'b'.repeat(63)}`)).toBe(true);
    expect(isDnsSubdomain(`${'a'.repeat(63)}.${'b'.repeat(63)}`, 63)).toBe(false);
    for (const bad of ['', 'a..b', '.a', 'a.', 'A.b']) expect(isDnsSubdomain(bad)).toBe(false);
  });

  it('qualified names: optional subdomain prefix, name of at most 63', () => {
    expect(isQualifiedName('tekton.dev/pipeline')).toBe(true);
    expect(isQualifiedName('My_Key.1')).toBe(true);
    expect(isQualifiedName('Bad.Prefix/x')).toBe(false);
    expect(isQualifiedName('x/')).toBe(false);
  });
});
