/**
 * Algorithms a cosign key can have (`cosign import-key-pair` accepts all of them;
 * `cosign generate-key-pair` only makes `ecdsa-p256`).
 */
export type KeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521' | 'ed25519' | 'rsa';

/**
 * Which flavour of encrypted key file to write.
 *
 * - `cosign`: PEM label `ENCRYPTED COSIGN PRIVATE KEY`, scrypt N=32768. Readable by every cosign
 *   version (v1.x to v3), by tools that vendor the old go-tuf decoder, and by containers/image.
 * - `sigstore`: PEM label `ENCRYPTED SIGSTORE PRIVATE KEY`, scrypt N=65536. What cosign 2.2 and
 *   later write; cosign 2.1 and earlier cannot read it.
 */
export type KeyFormat = 'cosign' | 'sigstore';

/** A private key that signs the way cosign does with the same key type. */
export interface Signer {
  /** The key's algorithm (and for ECDSA its curve). */
  readonly keyType: KeyType;
  /**
   * Signs `data` (the whole message, not a digest): ECDSA over SHA-256/384/512 for P-256/384/521
   * in ASN.1 DER, RSA PKCS#1 v1.5 over SHA-256, or pure Ed25519.
   */
  sign(data: Uint8Array): Uint8Array;
  /** The public half as a `PUBLIC KEY` (PKIX) PEM block, 64 columns, trailing newline, like cosign's `.pub`. */
  publicKeyPem(): string;
}

/** A public key that checks signatures made by the matching {@link Signer} (or by cosign). */
export interface Verifier {
  /** The key's algorithm (and for ECDSA its curve). */
  readonly keyType: KeyType;
  /** True when `signature` is a valid signature over `data`; never throws for a malformed signature. */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
  /** The key as a `PUBLIC KEY` (PKIX) PEM block, 64 columns, trailing newline. */
  publicKeyPem(): string;
}

/** Optional context for error messages. */
export interface KeySourceOptions {
  /**
   * A human label for where the key came from (a file path, `env://VAR`, `k8s://ns/name`), used only
   * in error messages. Never pass key material here.
   * @default - "the private key" or "the public key"
   */
  readonly source?: string;
}
