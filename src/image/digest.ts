import { createHash } from 'node:crypto';

/** An OCI content digest, always `sha256:` plus 64 lower-case hex digits here. */
export type Sha256Digest = `sha256:${string}`;

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Whether `value` is a well-formed `sha256:<hex>` digest. */
export function isSha256Digest(value: unknown): value is Sha256Digest {
  return typeof value === 'string' && SHA256_DIGEST.test(value);
}

/** The `sha256:<hex>` digest of some bytes. */
export function sha256Digest(data: Uint8Array | string): Sha256Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The hex part of a digest, as used for blob file names in an OCI layout. */
export function digestHex(digest: Sha256Digest): string {
  return digest.slice('sha256:'.length);
}
