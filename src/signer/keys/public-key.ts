import { createPublicKey, type KeyObject } from 'node:crypto';

import { KeyError } from './errors.js';
import { checkKeySize, decodeFirstPem, pemText } from './pem.js';
import { verifierFromPublicKey } from './signer.js';
import type { KeySourceOptions, Verifier } from './types.js';

/** The PEM labels cosign loads as public keys (`cryptoutils.UnmarshalPEMToPublicKey`). */
export const PUBLIC_KEY_LABELS = {
  pkix: 'PUBLIC KEY',
  pkcs1: 'RSA PUBLIC KEY',
} as const;

/**
 * Loads a public key PEM (`PUBLIC KEY` = PKIX SubjectPublicKeyInfo, or `RSA PUBLIC KEY` = PKCS#1)
 * and returns a {@link Verifier}. Text before the first PEM block is ignored, as in Go.
 *
 * @throws {@link KeyError} `KEY_UNREADABLE` (no PEM / bad DER) or `KEY_UNSUPPORTED` (other label or algorithm)
 */
export function loadPublicKey(pem: string | Uint8Array, options: KeySourceOptions = {}): Verifier {
  const where = options.source ? `public key ${options.source}` : 'the public key';
  checkKeySize(pem, where);
  const block = decodeFirstPem(pemText(pem));
  if (!block) {
    throw new KeyError('KEY_UNREADABLE', `${where} is not a PEM file; expected a "-----BEGIN PUBLIC KEY-----" block such as cosign.pub`);
  }
  let type: 'spki' | 'pkcs1';
  if (block.label === PUBLIC_KEY_LABELS.pkix) type = 'spki';
  else if (block.label === PUBLIC_KEY_LABELS.pkcs1) type = 'pkcs1';
  else {
    const hint = block.label.includes('PRIVATE') ? 'this is a private key; pass the public key (cosign.pub) instead' : 'pass a "PUBLIC KEY" PEM such as cosign.pub';
    throw new KeyError('KEY_UNSUPPORTED', `${where} holds a "${block.label.slice(0, 40)}" PEM block; ${hint}`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(block.der), format: 'der', type });
  } catch (cause) {
    throw new KeyError('KEY_UNREADABLE', `${where} has a "${block.label}" block whose content is not a valid public key; re-export it`, { cause });
  }
  return verifierFromPublicKey(key, where);
}
