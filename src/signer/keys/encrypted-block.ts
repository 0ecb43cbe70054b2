/**
 * The encrypted key's PEM block: which label it has (so which {@link KeyFormat}) and its body, read
 * without the password and without the cipher (so that starting scrypt early loads no more than this).
 */
import { KeyError } from './errors.js';
import { checkKeySize, decodeFirstPem, pemText } from './pem.js';
import type { KeyFormat, KeySourceOptions } from './types.js';

/** PEM label of each {@link KeyFormat}; cosign >= 2.1 loads both. */
export const ENCRYPTED_KEY_LABELS: Readonly<Record<KeyFormat, string>> = {
  cosign: 'ENCRYPTED COSIGN PRIVATE KEY',
  sigstore: 'ENCRYPTED SIGSTORE PRIVATE KEY',
};

/** The PEM block of an encrypted cosign key; `where` names the key in errors. */
export function readEncryptedBlock(pem: string | Uint8Array, where: string): { label: string; der: Uint8Array } {
  checkKeySize(pem, where);
  const block = decodeFirstPem(pemText(pem));
  if (!block) {
    throw new KeyError(
      'KEY_UNREADABLE',
      `${where} is not a PEM file; expected a "-----BEGIN ${ENCRYPTED_KEY_LABELS.cosign}-----" block as written by cosign generate-key-pair`,
    );
  }
  if (!formatOfLabel(block.label)) {
    const hint = /PRIVATE KEY$/.test(block.label)
      ? 'it is not encrypted the cosign way; wrap it with `cosign import-key-pair` first'
      : 'pass the private key file (cosign.key) written by cosign or signet generate-key-pair';
    throw new KeyError('KEY_UNSUPPORTED', `${where} holds a "${block.label.slice(0, 40)}" PEM block; ${hint}`);
  }
  return block;
}

/** The {@link KeyFormat} whose PEM label this is. */
export function formatOfLabel(label: string): KeyFormat | undefined {
  if (label === ENCRYPTED_KEY_LABELS.cosign) return 'cosign';
  if (label === ENCRYPTED_KEY_LABELS.sigstore) return 'sigstore';
  return undefined;
}

/** How errors name a private key. */
export function privateWhere(options: KeySourceOptions): string {
  return options.source ? `private key ${options.source}` : 'the private key';
}
