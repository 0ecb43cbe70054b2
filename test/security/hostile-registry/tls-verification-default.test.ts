/**
 * What held up in issue 9, kept: TLS certificates are verified by default. A registry whose CA is
 * not trusted fails with one line naming the TLS problem, and no credential or request body reaches it.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';

import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { CREDS, expectOneLineFailure, signet, workspace } from './_setup.js';

describe('TLS verification by default', () => {
  let registry: TestRegistry;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistry({ tls: true, basicAuth: CREDS });
    dir = await workspace([registry.host]);
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it.each(['sign', 'verify'])('%s: an untrusted certificate is refused', async (command) => {
    const run = await signet(dir, [command, '--key', command === 'sign' ? 'cosign.key' : 'cosign.pub', `${registry.host}/hostile/app@sha256:${'b'.repeat(64)}`]);
    expectOneLineFailure(run, 4, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
  });
});
