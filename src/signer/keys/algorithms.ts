/**
 * How each supported key type signs and verifies, matching current cosign
 * (`GetHashFunctionFromPublicKey` in sigstore/cosign `pkg/cosign/keys.go`).
 */
import { constants, type KeyObject, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';

import { KeyError } from './errors.js';
import type { KeyType } from './types.js';

/** The RSA modulus sizes cosign accepts (`import-key-pair` and sigstore's key validation). */
const RSA_MIN_BITS = 2048;
const RSA_MAX_BITS = 4096;

/** OpenSSL curve names for the ECDSA curves cosign supports. */
const EC_CURVES: Readonly<Record<string, KeyType>> = {
  prime256v1: 'ecdsa-p256',
  secp384r1: 'ecdsa-p384',
  secp521r1: 'ecdsa-p521',
};

/**
 * Message digest per key type. ECDSA follows the curve size (P-384 with SHA-384, P-521 with SHA-512)
 * as cosign does since it auto-selects the hash from the key; cosign before that and containers/image
 * always use SHA-256, which is the same for the P-256 keys `generate-key-pair` makes. RSA uses
 * PKCS#1 v1.5 with SHA-256. Ed25519 is pure Ed25519 (no pre-hash): Node 20 cannot do Ed25519ph,
 * which cosign >= 2.6 uses by default, so Ed25519 signatures verify only with cosign <= 2.5 and
 * with verifiers that use pure Ed25519.
 */
const DIGESTS: Readonly<Record<KeyType, string | null>> = {
  'ecdsa-p256': 'sha256',
  'ecdsa-p384': 'sha384',
  'ecdsa-p521': 'sha512',
  rsa: 'sha256',
  ed25519: null,
};

/** Classifies a private or public key; throws `KEY_UNSUPPORTED` for algorithms cosign does not use. */
export function keyTypeOf(key: KeyObject, where: string): KeyType {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      const type = EC_CURVES[curve];
      if (!type) throw unsupported(where, `ECDSA curve ${curve || '(unnamed)'}`, 'use P-256, P-384 or P-521');
      return type;
    }
    case 'rsa': {
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
        throw unsupported(where, `a ${bits}-bit RSA key`, `use ${RSA_MIN_BITS} to ${RSA_MAX_BITS} bits`);
      }
      return 'rsa';
    }
    case 'ed25519':
      return 'ed25519';
    default:
      throw unsupported(where, `key algorithm ${key.asymmetricKeyType ?? '(unknown)'}`, 'use ECDSA P-256, P-384, P-521, RSA or Ed25519');
  }
}

/** Signs `data` with `key` the way cosign does for `type`. */
export function signWith(type: KeyType, key: KeyObject, data: Uint8Array): Uint8Array {
  return new Uint8Array(cryptoSign(DIGESTS[type], data, signOptions(type, key)));
}

/** Verifies a cosign-style signature; false (never an exception) for a malformed signature. */
export function verifyWith(type: KeyType, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return cryptoVerify(DIGESTS[type], data, signOptions(type, key), signature);
  } catch {
    return false;
  }
}

/** Fits both node:crypto `sign` and `verify` key inputs. */
interface KeyInput {
  readonly key: KeyObject;
  readonly padding?: number;
  readonly dsaEncoding?: 'der';
}

function signOptions(type: KeyType, key: KeyObject): KeyInput {
  if (type === 'rsa') return { key, padding: constants.RSA_PKCS1_PADDING };
  if (type === 'ed25519') return { key };
  return { key, dsaEncoding: 'der' };
}

function unsupported(where: string, what: string, fix: string): KeyError {
  return new KeyError('KEY_UNSUPPORTED', `${where} is ${what}, which cosign does not support; ${fix}`);
}
