/**
 * Finding 5 of issue 9: a `Location` that is not a URL (`http://[bad`), on an upload or on a
 * redirect, is a registry error (exit 4, one line), not an internal error (exit 70).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';

import { startFaultProxy, type FaultProxy, type FaultRule } from '../../helpers/fault-proxy.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

const BAD = 'http://[bad';

describe('invalid Location header', () => {
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

  it.each<[string, 'sign' | 'verify', FaultRule]>([
    ['upload POST', 'sign', { kind: 'upload-post', fault: { type: 'mutate', change: (real) => ({ ...real, headers: { ...real.headers, location: BAD } }) } }],
    ['manifest redirect', 'verify', { kind: 'manifest-get', fault: { type: 'respond', response: { status: 307, headers: { location: BAD } } } }],
  ])('%s: registry error, exit 4', async (_name, command, rule) => {
    proxy.setRules([rule]);
    const run = await signet(dir, [command, '--key', command === 'sign' ? 'cosign.key' : 'cosign.pub', `${proxy.host}/hostile/app@${digest}`]);
    expectOneLineFailure(run, 4, /invalid Location/);
  });
});
