/**
 * Finding 6 of issue 9: a chunked (length-less) body over the size limit is reported as too large,
 * once: not as a connection reset, and not retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

describe('oversized chunked body', () => {
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

  it.each(['sign', 'verify'])('%s: a size error, not retried', async (command) => {
    const body = Buffer.alloc(5 * 1024 * 1024, 0x20);
    proxy.setRules([{ kind: 'manifest-get', pathIncludes: '.sig', times: Infinity, fault: { type: 'respond', response: { status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body, chunked: true } } }]);
    const run = await signet(dir, [command, '--key', command === 'sign' ? 'cosign.key' : 'cosign.pub', `${proxy.host}/hostile/app@${digest}`]);
    expectOneLineFailure(run, 4, /larger than allowed, over 4 MiB/);
    expect(run.stderr).not.toMatch(/ECONNRESET/);
    expect(proxy.faulted()).toHaveLength(1);
  });
});
