import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';

import { keyTypeOf, signWith, verifyWith } from './algorithms.js';
import type { KeyType, Signer, Verifier } from './types.js';

/**
 * Wraps a Node private key as a {@link Signer}. The key object stays private to the closure, so
 * the signer never exposes key bytes (not even through `JSON.stringify` or `util.inspect`).
 */
export function signerFromPrivateKey(privateKey: KeyObject, where: string): Signer {
  const keyType = keyTypeOf(privateKey, where);
  const publicKey = createPublicKey(privateKey);
  return Object.freeze({
    keyType,
    sign: (data: Uint8Array): Uint8Array => signWith(keyType, privateKey, data),
    publicKeyPem: (): string => spkiPem(publicKey),
  });
}

/** Wraps a Node public key as a {@link Verifier}. */
export function verifierFromPublicKey(publicKey: KeyObject, where: string): Verifier {
  const keyType: KeyType = keyTypeOf(publicKey, where);
  return Object.freeze({
    keyType,
    verify: (data: Uint8Array, signature: Uint8Array): boolean => verifyWith(keyType, publicKey, data, signature),
    publicKeyPem: (): string => spkiPem(publicKey),
  });
}

/** PKIX `PUBLIC KEY` PEM; OpenSSL writes 64-column lines and a trailing newline, exactly like Go. */
export function spkiPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
