import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RegistryError, runCredentialHelper } from '../../../src/signer/oci/index.js';
import { HELPER_STDERR_MARKER, HELPER_STDOUT_MARKER, makeCredentialHelper } from '../../helpers/credential-helper.js';

const helper = makeCredentialHelper();
const env = { PATH: helper.path, HOME: helper.binDir };
const request = { helper: helper.name, serverUrl: 'r.example:5000', registry: 'r.example:5000', source: 'credsStore in /tmp/c.json' };

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => expect.unreachable('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  const message = (error as RegistryError).message;
  expect(message).not.toContain('\n');
  expect(message).not.toContain(HELPER_STDOUT_MARKER);
  expect(message).not.toContain(HELPER_STDERR_MARKER);
  return error as RegistryError;
}

describe('runCredentialHelper', () => {
  it('sends the server URL on stdin without a newline and reads username and secret', async () => {
    helper.mode('ok');
    helper.set('r.example:5000', 'alice', 's3cret');
    helper.set('https://index.docker.io/v1/', '<token>', 'refresh-me');
    const before = helper.calls().length;
    expect(await runCredentialHelper(request, { env })).toEqual({ kind: 'basic', username: 'alice', password: 's3cret' });
    expect(await runCredentialHelper({ ...request, serverUrl: 'https://index.docker.io/v1/', registry: 'index.docker.io' }, { env })).toEqual({
      kind: 'identity-token',
      username: '',
      token: 'refresh-me',
    });
    expect(helper.calls().slice(before)).toEqual([
      { action: 'get', stdin: 'r.example:5000' },
      { action: 'get', stdin: 'https://index.docker.io/v1/' },
    ]);
  });

  it('treats "credentials not found" and an empty answer as no credential', async () => {
    helper.mode('ok');
    expect(await runCredentialHelper({ ...request, serverUrl: 'unknown.example' }, { env })).toBeUndefined();
    helper.set('empty.example', '', '');
    expect(await runCredentialHelper({ ...request, serverUrl: 'empty.example' }, { env })).toBeUndefined();
  });

  it('names the helper, the registry and the config entry when the helper is missing', async () => {
    const error = await failure(runCredentialHelper({ ...request, helper: 'nosuchhelper' }, { env }));
    expect(error.code).toBe('REGISTRY_CREDENTIAL_HELPER');
    expect(error.message).toBe(
      'credential helper docker-credential-nosuchhelper for r.example:5000 is not on PATH (credsStore in /tmp/c.json); install docker-credential-nosuchhelper or remove the entry',
    );
  });

  it('says so when the helper on PATH is not executable', async () => {
    writeFileSync(join(helper.binDir, 'docker-credential-noexec'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    const error = await failure(runCredentialHelper({ ...request, helper: 'noexec' }, { env }));
    expect(error.message).toMatch(/^credential helper docker-credential-noexec for r\.example:5000 is not executable \(credsStore in \/tmp\/c\.json\); check the permissions/);
  });

  it('reports a failing helper by exit code, never quoting its output', async () => {
    helper.mode('fail');
    const error = await failure(runCredentialHelper(request, { env }));
    expect(error.message).toMatch(/^credential helper docker-credential-signettest for r\.example:5000 failed \(exit code 3\) \(credsStore in \/tmp\/c\.json\); run: printf %s r\.example:5000 \| docker-credential-signettest get to see its message$/);
  });

  it('reports output that is not credentials JSON', async () => {
    helper.mode('garbage');
    expect((await failure(runCredentialHelper(request, { env }))).message).toMatch(/answered with something other than credentials JSON/);
  });

  it('handles a helper that exits without reading stdin', async () => {
    helper.mode('no-read');
    expect((await failure(runCredentialHelper(request, { env }))).message).toMatch(/failed \(exit code 1\)/);
  });

  it('kills a helper that does not answer in time', async () => {
    helper.mode('hang');
    const started = Date.now();
    expect((await failure(runCredentialHelper(request, { env, timeoutMs: 300 }))).message).toMatch(/did not answer within 300 ms .*check that it works without a terminal/);
    // Bounded by the timeout, not by the helper's 60 s sleep (a generous margin: no timing assertion).
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('stops reading a helper whose output exceeds the cap', async () => {
    helper.mode('big');
    expect((await failure(runCredentialHelper(request, { env, maxOutputBytes: 4096 }))).message).toMatch(/wrote more than 4096 bytes/);
  });

  it('refuses a helper name that is a path', async () => {
    for (const name of ['../../tmp/evil', 'a/b', '', '-rf']) {
      const error = await failure(runCredentialHelper({ ...request, helper: name }, { env }));
      expect(error.code).toBe('REGISTRY_CONFIG');
      expect(error.message).toMatch(/is not a plain program suffix/);
    }
  });
});
