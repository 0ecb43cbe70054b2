import type { Credential } from './credentials.js';

/** The `Authorization` value of HTTP Basic auth (RFC 7617) for a username and password. */
export function basicHeader(credential: Extract<Credential, { kind: 'basic' }>): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`;
}
