/**
 * Starting the scrypt step of decrypting an encrypted cosign key before the key is asked for
 * (`signet sign` does it at launch): reads only the PEM block and the envelope, so it loads neither
 * the cipher nor the key parsing.
 */
import { privateWhere, readEncryptedBlock } from './encrypted-block.js';
import { parseEnvelope, SCRYPT_KEY_LENGTH } from './envelope.js';
import { type ScryptAhead, startScryptAhead } from './scrypt-ahead.js';
import type { KeySourceOptions } from './types.js';

/**
 * Starts the scrypt step of decrypting `pem` with `password` on the thread pool, for a later
 * `decryptPrivateKeyWith`; the password bytes are copied.
 * @throws KeyError as `inspectEncryptedKey` does
 */
export function startDecryptionAhead(pem: string | Uint8Array, password: Uint8Array, options: KeySourceOptions = {}): ScryptAhead {
  const where = privateWhere(options);
  const { der } = readEncryptedBlock(pem, where);
  const envelope = parseEnvelope(Buffer.from(der).toString('utf8'), where);
  return startScryptAhead(password, envelope.salt, envelope.params, SCRYPT_KEY_LENGTH);
}
