/**
 * Finding 4 of issue 9: a registry that drips its answer one byte at a time never trips an idle
 * timeout. The per-request deadline (`--request-timeout`) and the per-command deadline
 * (`--timeout`) end it: exit 4, one line naming the limit, and the dripping request is not retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

describe('slow-drip response', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let dir: string;
  let digest: string;

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startFaultProxy({ target: registry.url });
    dir = await workspace();
    digest = await pushImage(registry, 'hostile/app');
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it.each([
    ['--request-timeout', ['--request-timeout', '1s'], /request-timeout/],
    ['--timeout', ['--timeout', '1s'], /--timeout/],
  ])('%s ends it', async (_name, flags, pattern) => {
    proxy.setRules([{ kind: 'manifest-get', times: Infinity, fault: { type: 'drip', intervalMs: 100 } }]);
    const run = await signet(dir, ['verify', '--key', 'cosign.pub', ...flags, `${proxy.host}/hostile/app@${digest}`]);
    expectOneLineFailure(run, 4, pattern);
    expect(proxy.requests.filter((r) => r.fault === 'drip')).toHaveLength(1);
  });
});
