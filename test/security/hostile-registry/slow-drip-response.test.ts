/**
 * Finding 4 of issue 9: a registry that drips its answer one byte at a time never trips an idle
 * timeout. The per-request deadline (`--request-timeout`) and the per-command deadline
 * (`--timeout`) end it: exit 4, one line naming the limit, and the dripping request is not retried.
 */
import { describe, expect, it } from 'vitest';

import { expectOneLineFailure, proxiedImage, signet } from './_setup.js';

describe('slow-drip response', () => {
  const image = proxiedImage();

  it.each([
    ['--request-timeout', ['--request-timeout', '1s'], /request-timeout/],
    ['--timeout', ['--timeout', '1s'], /--timeout/],
  ])('%s ends it', async (_name, flags, pattern) => {
    image.proxy.setRules([{ kind: 'manifest-get', times: Infinity, fault: { type: 'drip', intervalMs: 100 } }]);
    const run = await signet(image.dir, ['verify', '--key', 'cosign.pub', ...flags, `${image.proxy.host}/hostile/app@${image.digest}`]);
    expectOneLineFailure(run, 4, pattern);
    expect(image.proxy.requests.filter((r) => r.fault === 'drip')).toHaveLength(1);
  });
});
