/**
 * Warming the code that turns scrypt's result into a signer: the secretbox, OpenSSL's PKCS#8 decoder
 * and ECDSA signing each cost a few milliseconds on their first use in a process (lazy compilation,
 * OpenSSL loading its decoders and curve tables). Run on a throwaway key while scrypt runs on the
 * thread pool, that cost lands where the main thread would otherwise wait, instead of between the
 * key and the first write that needs it.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';

import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';

import { signerFromPrivateKey } from './signer.js';

/** The size of a cosign P-256 key's secretbox plaintext (PKCS#8 DER), so the same code paths run. */
const PKCS8_P256_BYTES = 138;

/**
 * Opens a secretbox, decodes a fresh P-256 PKCS#8 key and signs with it, discarding everything.
 * Never throws: a warm-up that fails only leaves the first real use cold.
 */
export function warmUpKeyUse(): void {
  try {
    const boxKey = new Uint8Array(32);
    const nonce = new Uint8Array(24);
    xsalsa20poly1305(boxKey, nonce).decrypt(xsalsa20poly1305(boxKey, nonce).encrypt(new Uint8Array(PKCS8_P256_BYTES)));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const signer = signerFromPrivateKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), 'a throwaway key');
    signer.sign(new Uint8Array(32));
    signer.publicKeyPem();
  } catch {
    // nothing to report: the real key's own use reports its own errors
  }
}
