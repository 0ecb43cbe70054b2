import { describe, expect, it } from 'vitest';
import { withClient } from '../../../src/signer/cosign/_with-client.js';

describe('withClient', () => {
  const client = (): { closed: number; close(): void } => ({ closed: 0, close() { this.closed += 1; } });

  it('closes a client it made, after success and after failure', async () => {
    const made = client();
    await expect(withClient(undefined, () => made, async () => 'ok')).resolves.toBe('ok');
    expect(made.closed).toBe(1);
    const failing = client();
    await expect(withClient(undefined, () => failing, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(failing.closed).toBe(1);
  });

  it('leaves a client the caller passed open and makes none', async () => {
    const given = client();
    let made = 0;
    await withClient(given, () => ((made += 1), client()), async (c) => expect(c).toBe(given));
    expect(given.closed).toBe(0);
    expect(made).toBe(0);
  });
});
