/**
 * Finding 1 of issue 9 (Basic auth): a registry answers the upload `POST` with a `Location` on another
 * port (absolute, or scheme-relative `//host:port/…`). The signer may follow it, but the bystander
 * on that port must never receive the registry's `Authorization` header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { startRecordingServer, type RecordingServer } from '../../helpers/recording-server.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { CREDS, expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

describe('upload Location on another port, Basic auth', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let bystander: RecordingServer;
  let dir: string;
  let digest: string;

  beforeAll(async () => {
    [registry, bystander] = await Promise.all([startRegistry({ basicAuth: CREDS }), startRecordingServer()]);
    proxy = await startFaultProxy({ target: registry.url });
    dir = await workspace([proxy.host]);
    digest = await pushImage(registry, 'hostile/app');
  });
  afterAll(async () => {
    await proxy?.stop();
    await bystander?.stop();
    await registry?.stop();
  });

  it.each([
    ['absolute', (b: RecordingServer) => `${b.url}/v2/hostile/app/blobs/uploads/x?_state=s`],
    ['scheme-relative', (b: RecordingServer) => `//${b.host}/v2/hostile/app/blobs/uploads/x?_state=s`],
  ])('%s Location: the bystander gets no credentials', async (_name, location) => {
    proxy.setRules([{ kind: 'upload-post', times: Infinity, fault: { type: 'mutate', change: (real) => ({ ...real, headers: { ...real.headers, location: location(bystander) } }) } }]);
    bystander.requests.length = 0;
    const run = await signet(dir, ['sign', '--key', 'cosign.key', `${proxy.host}/hostile/app@${digest}`]);
    expect(proxy.requests.some((r) => r.authorized)).toBe(true); // credentials were in play
    expect(bystander.withAuthorization()).toEqual([]);
    expectOneLineFailure(run, 4, /registry|upload/);
  });
});
