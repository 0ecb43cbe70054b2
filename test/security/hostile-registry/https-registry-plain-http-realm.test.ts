/**
 * Finding 1 of issue 9 (loopback exception): an HTTPS registry on 127.0.0.1 whose token realm is
 * plain HTTP on 127.0.0.1 (the harness's token server). The loopback exception allows plain HTTP to
 * loopback hosts, but the registry was reached over TLS, so its credentials must not travel in clear
 * text to the realm: the token server never sees them, and the command fails with one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { CREDS, expectOneLineFailure, signet, workspace } from './_setup.js';

describe('HTTPS registry with a plain-HTTP token realm on loopback', () => {
  let registry: TestRegistry;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistry({ tls: true, tokenAuth: CREDS });
    dir = await workspace([registry.host]);
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it.each(['sign', 'verify'])('%s: the realm gets no credentials', async (command) => {
    registry.tokenServer!.requests.length = 0;
    const key = command === 'sign' ? 'cosign.key' : 'cosign.pub';
    const run = await signet(dir, [command, '--key', key, '--registry-cacert', registry.caPemPath!, `${registry.host}/hostile/app@sha256:${'a'.repeat(64)}`]);
    expect(registry.tokenServer!.requests.filter((r) => r.authorized)).toEqual([]);
    expectOneLineFailure(run, 4, /plain HTTP|token/);
  });
});
