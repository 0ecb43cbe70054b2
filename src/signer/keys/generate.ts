import { generateKeyPair as generateNodeKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

import { DEFAULT_KEY_FORMAT, encryptPrivateKey } from './private-key.js';
import type { KeyFormat } from './types.js';

const generateEc = promisify(generateNodeKeyPair);

/** A freshly generated key pair, as the contents of `cosign.key` and `cosign.pub`. */
export interface GeneratedKeyPair {
  /** Encrypted private key PEM (write with mode 0600). */
  readonly privateKeyPem: string;
  /** `PUBLIC KEY` PEM (PKIX, 64 columns, trailing newline). */
  readonly publicKeyPem: string;
}

/**
 * Generates an ECDSA P-256 key pair, as `cosign generate-key-pair` does, and encrypts the private
 * key (PKCS#8) with `password`.
 *
 * @param password - the exact password bytes (may be empty)
 * @param format - label and scrypt cost of the private key file
 * @default format 'cosign' (ENCRYPTED COSIGN PRIVATE KEY, N=32768: readable by every cosign version)
 */
export async function generateKeyPair(password: Uint8Array, format: KeyFormat = DEFAULT_KEY_FORMAT): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await generateEc('ec', { namedCurve: 'P-256' });
  const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  try {
    const privateKeyPem = await encryptPrivateKey(pkcs8, password, format);
    return { privateKeyPem, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  } finally {
    pkcs8.fill(0);
  }
}
