/**
 * Finding 10: one documented exit code for "image not found", the same for `sign` and `verify`, by
 * tag or by digest (sign used to exit 5, a signing conflict; verify 1, a failed verification).
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXIT_CODES } from '../../../src/signer/cli/exit-codes.js';
import { createRegistryClient, type RegistryClient } from '../../../src/signer/oci/index.js';
import { runSignet } from '../../helpers/cli.js';
import { pushRandomImage, startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { expectCleanFailure } from '../../bad-input/_cli.js';
import { fakeImageDigest, KEY_ENV, keyFolder } from './_signatures.js';

const CLI_DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'cli.md');

describe('hostile input: the exit code of a missing image', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  let dir: string;
  let unsigned = '';

  beforeAll(async () => {
    registry = await startRegistry();
    client = createRegistryClient({ pushIntent: true });
    ({ dir } = await keyFolder());
    unsigned = (await pushRandomImage(client, { registry: registry.host, repository: 'here/app' }, 'v1')).digest;
  });
  afterAll(async () => {
    client?.close();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a code of its own, documented in docs/cli.md', () => {
    const codes = Object.values(EXIT_CODES);
    expect(codes.filter((c) => c === EXIT_CODES.imageNotFound)).toHaveLength(1);
    expect(readFileSync(CLI_DOC, 'utf8')).toMatch(new RegExp(`^\\| ${EXIT_CODES.imageNotFound} \\| image not found`, 'm'));
  });

  const missing = () => [`here/app:v9`, `here/app@${fakeImageDigest('absent')}`, `gone/app@${fakeImageDigest('absent too')}`];

  it.each(['sign', 'verify'] as const)('%s exits with it, by tag and by digest', async (command) => {
    for (const image of missing()) {
      const key = command === 'sign' ? 'cosign.key' : 'cosign.pub';
      const run = await runSignet(dir, [command, '--key', key, `${registry.host}/${image}`], KEY_ENV);
      expectCleanFailure(run, EXIT_CODES.imageNotFound);
      expect(run.stderr).toMatch(/^signet: image not found \(/);
    }
  });

  it('verify of an existing but unsigned image still exits 1', async () => {
    const run = await runSignet(dir, ['verify', '--key', 'cosign.pub', `${registry.host}/here/app@${unsigned}`], KEY_ENV);
    expectCleanFailure(run, EXIT_CODES.verificationFailed);
    expect(run.stderr).toMatch(/no signatures found/);
  });
});
