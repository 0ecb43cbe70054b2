/**
 * Finding 1 of issue 9 (loopback exception): an HTTPS registry answers the upload `POST` with a
 * plain-HTTP `Location` on 127.0.0.1. Plain HTTP to loopback is allowed by default, but the
 * credentials of an HTTPS registry must not go there (in clear text, to another origin).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { startRecordingServer, type RecordingServer } from '../../helpers/recording-server.js';
import { makeTestCertificates, type TestCertificates } from '../../helpers/registry-certs.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { CREDS, expectOneLineFailure, pushImage, signet, workspace } from './_setup.js';

describe('HTTPS registry with a plain-HTTP upload Location on loopback', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let bystander: RecordingServer;
  let certs: TestCertificates;
  let dir: string;
  let digest: string;

  beforeAll(async () => {
    [registry, bystander] = await Promise.all([startRegistry({ tls: true, basicAuth: CREDS }), startRecordingServer()]);
    certs = makeTestCertificates(mkdtempSync(join(tmpdir(), 'signet-hostile-tls-')));
    proxy = await startFaultProxy({ target: registry.url, targetCaPem: registry.caPem!, tls: { certPem: readFileSync(certs.certPath, 'utf8'), keyPem: readFileSync(certs.keyPath, 'utf8') } });
    dir = await workspace([proxy.host]);
    digest = await pushImage(registry, 'hostile/app');
  });
  afterAll(async () => {
    await proxy?.stop();
    await bystander?.stop();
    await registry?.stop();
  });

  it('the plain-HTTP Location gets no credentials', async () => {
    const location = `${bystander.url}/v2/hostile/app/blobs/uploads/x?_state=s`;
    proxy.setRules([{ kind: 'upload-post', times: Infinity, fault: { type: 'mutate', change: (real) => ({ ...real, headers: { ...real.headers, location } }) } }]);
    const run = await signet(dir, ['sign', '--key', 'cosign.key', '--registry-cacert', certs.caPemPath, `${proxy.host}/hostile/app@${digest}`]);
    expect(proxy.requests.some((r) => r.authorized)).toBe(true); // credentials were in play
    expect(bystander.withAuthorization()).toEqual([]);
    expectOneLineFailure(run, 4, /registry|upload|HTTP/);
  });
});
