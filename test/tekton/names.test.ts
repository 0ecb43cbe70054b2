import { describe, expect, it } from 'vitest';
import { isDnsLabel, isObjectName, isParamName, isResultName, toDnsLabel } from '../../src/tekton/index.js';

describe('name rules', () => {
  it('accepts DNS-1123 labels of at most 63 characters', () => {
    expect(isDnsLabel('build-and-sign')).toBe(true);
    expect(isDnsLabel('a'.repeat(63))).toBe(true);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(isDnsLabel('Build')).toBe(false);
    expect(isDnsLabel('-build')).toBe(false);
    expect(isDnsLabel('a.b')).toBe(false);
  });

  it('allows dots in object names but caps them at 63 characters (META-1)', () => {
    expect(isObjectName('tasks.example.com')).toBe(true);
    expect(isObjectName(`${'a'.repeat(60)}.bcd`)).toBe(false);
  });

  it('checks param and result names (P-5, RES-1)', () => {
    expect(isParamName('IMAGE')).toBe(true);
    expect(isParamName('_a.b-c')).toBe(true);
    expect(isParamName('1abc')).toBe(false);
    expect(isResultName('IMAGE_DIGEST')).toBe(true);
    expect(isResultName('a.b')).toBe(true);
    expect(isResultName('-a')).toBe(false);
  });

  it('derives stable labels from construct ids', () => {
    expect(toDnsLabel('BuildAndSign')).toBe('build-and-sign');
    expect(toDnsLabel('cosign_sign')).toBe('cosign-sign');
    expect(toDnsLabel('HTTPServer')).toBe('http-server');
    expect(toDnsLabel('--x--')).toBe('x');
  });
});
