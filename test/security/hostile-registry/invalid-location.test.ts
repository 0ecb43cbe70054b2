/**
 * Finding 5 of issue 9: a `Location` that is not a URL (`http://[bad`), on an upload or on a
 * redirect, is a registry error (exit 4, one line), not an internal error (exit 70).
 */
import { describe, it } from 'vitest';

import type { FaultRule } from '../../helpers/fault-proxy.js';
import { expectOneLineFailure, proxiedImage, signet } from './_setup.js';

const BAD = 'http://[bad';

describe('invalid Location header', () => {
  const image = proxiedImage();

  it.each<[string, 'sign' | 'verify', FaultRule]>([
    ['upload POST', 'sign', { kind: 'upload-post', fault: { type: 'mutate', change: (real) => ({ ...real, headers: { ...real.headers, location: BAD } }) } }],
    ['manifest redirect', 'verify', { kind: 'manifest-get', fault: { type: 'respond', response: { status: 307, headers: { location: BAD } } } }],
  ])('%s: registry error, exit 4', async (_name, command, rule) => {
    image.proxy.setRules([rule]);
    const run = await signet(image.dir, [command, '--key', command === 'sign' ? 'cosign.key' : 'cosign.pub', `${image.proxy.host}/hostile/app@${image.digest}`]);
    expectOneLineFailure(run, 4, /invalid Location/);
  });
});
