/**
 * Finding 1 of issue 9 (token auth): with a pull+push Bearer token in hand, the registry answers the
 * upload `POST` with a `Location` on another port. The bystander there must receive no token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { startRecordingServer, type RecordingServer } from '../../helpers/recording-server.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { CREDS, expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

describe('upload Location on another port, token auth', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let bystander: RecordingServer;
  let dir: string;
  let digest: string;

  beforeAll(async () => {
    [registry, bystander] = await Promise.all([startRegistry({ tokenAuth: CREDS }), startRecordingServer()]);
    proxy = await startFaultProxy({ target: registry.url, tokenRealm: registry.tokenServer!.realm });
    dir = await workspace([proxy.host]);
    digest = await pushImage(registry, 'hostile/app');
  });
  afterAll(async () => {
    await proxy?.stop();
    await bystander?.stop();
    await registry?.stop();
  });

  it('the bystander gets no Bearer token', async () => {
    const location = `${bystander.url}/v2/hostile/app/blobs/uploads/x?_state=s`;
    proxy.setRules([{ kind: 'upload-post', times: Infinity, fault: { type: 'mutate', change: (real) => ({ ...real, headers: { ...real.headers, location } }) } }]);
    const run = await signet(dir, ['sign', '--key', 'cosign.key', `${proxy.host}/hostile/app@${digest}`]);
    expect(proxy.requests.some((r) => r.kind !== 'token' && r.authorized)).toBe(true); // a token was in play
    expect(bystander.withAuthorization()).toEqual([]);
    expectOneLineFailure(run, 4, /registry|upload/);
  });
});
