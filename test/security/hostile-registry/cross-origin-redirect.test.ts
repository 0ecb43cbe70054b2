/**
 * What held up in issue 9, kept: a redirect from the registry to another origin (a storage backend)
 * is followed without the registry's credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { startRecordingServer, type RecordingServer } from '../../helpers/recording-server.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { CREDS, expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

describe('cross-origin redirect', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let bystander: RecordingServer;
  let dir: string;
  let digest: string;

  beforeAll(async () => {
    [registry, bystander] = await Promise.all([startRegistry({ basicAuth: CREDS }), startRecordingServer({ status: 403 })]);
    proxy = await startFaultProxy({ target: registry.url });
    dir = await workspace([proxy.host]);
    digest = await pushImage(registry, 'hostile/app');
  });
  afterAll(async () => {
    await proxy?.stop();
    await bystander?.stop();
    await registry?.stop();
  });

  it('the storage backend gets the request, not the credentials', async () => {
    proxy.setRules([{ kind: 'manifest-get', skip: 1, times: Infinity, fault: { type: 'respond', response: { status: 307, headers: { location: `${bystander.url}/storage/manifest?sig=x` } } } }]);
    const run = await signet(dir, ['verify', '--key', 'cosign.pub', `${proxy.host}/hostile/app@${digest}`]);
    expect(proxy.requests.some((r) => r.authorized)).toBe(true);
    expect(bystander.requests.length).toBeGreaterThan(0);
    expect(bystander.withAuthorization()).toEqual([]);
    expectOneLineFailure(run, 4, /403/);
  });
});
