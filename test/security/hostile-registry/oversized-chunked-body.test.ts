/**
 * Finding 6 of issue 9: a chunked (length-less) body over the size limit is reported as too large,
 * once: not as a connection reset, and not retried.
 */
import { describe, expect, it } from 'vitest';

import { expectOneLineFailure, proxiedImage, signet } from './_setup.js';

describe('oversized chunked body', () => {
  const image = proxiedImage();

  it.each(['sign', 'verify'])('%s: a size error, not retried', async (command) => {
    const body = Buffer.alloc(5 * 1024 * 1024, 0x20);
    image.proxy.setRules([{ kind: 'manifest-get', pathIncludes: '.sig', times: Infinity, fault: { type: 'respond', response: { status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body, chunked: true } } }]);
    const run = await signet(image.dir, [command, '--key', command === 'sign' ? 'cosign.key' : 'cosign.pub', `${image.proxy.host}/hostile/app@${image.digest}`]);
    expectOneLineFailure(run, 4, /larger than allowed, over 4 MiB/);
    expect(run.stderr).not.toMatch(/ECONNRESET/);
    expect(image.proxy.faulted()).toHaveLength(1);
  });
});
