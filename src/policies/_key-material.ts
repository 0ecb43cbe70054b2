/**
 * Recognisers for private key material (internal; not re-exported).
 *
 * Used to refuse props that would put a private key into a manifest. The patterns are written so
 * that this file itself never contains a complete PEM armour line.
 */

/** Any PEM private-key armour: PKCS#8, SEC1 (`EC`), PKCS#1 (`RSA`), cosign's and sigstore's encrypted labels. */
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/;

/** The base64 encoding of `-----BEGIN` always starts with these characters. */
const BASE64_PEM_PREFIX = 'LS0tLS1CRUdJT';

/** True when `text` holds a PEM private key, either as is or base64-encoded (as in a Secret's `data`). */
export function containsPrivateKey(text: string): boolean {
  if (PEM_PRIVATE_KEY.test(text)) return true;
  const compact = text.replace(/\s+/g, '');
  const start = compact.indexOf(BASE64_PEM_PREFIX);
  if (start < 0) return false;
  const decoded = Buffer.from(compact.slice(start), 'base64').toString('latin1');
  return PEM_PRIVATE_KEY.test(decoded);
}

/** True when `text` contains any PEM armour at all (public or private). */
export function containsPemArmour(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text);
}
