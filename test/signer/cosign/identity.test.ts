import { describe, expect, it } from 'vitest';

import { dockerReferenceIdentity, FormatError } from '../../../src/signer/cosign/index.js';

describe('dockerReferenceIdentity', () => {
  it('pins the repository with a tag or a digest', () => {
    expect(dockerReferenceIdentity('index.docker.io/library/busybox', { tag: '1.36' })).toBe('index.docker.io/library/busybox:1.36');
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(dockerReferenceIdentity('localhost:5000/app', { digest })).toBe(`localhost:5000/app@${digest}`);
  });

  it('refuses an invalid tag or digest', () => {
    expect(() => dockerReferenceIdentity('r/a', { tag: '-bad' })).toThrow(FormatError);
    expect(() => dockerReferenceIdentity('r/a', { tag: 'x'.repeat(129) })).toThrow(FormatError);
    expect(() => dockerReferenceIdentity('r/a', { digest: 'sha256:1' })).toThrow(FormatError);
  });
});
