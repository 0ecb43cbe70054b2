/**
 * The signer image the constructs use by default, read from the committed lock
 * (`signer-image.lock.json`, written by `npm run image -- --update-lock`).
 */
import lockJson from '../../signer-image.lock.json' with { type: 'json' };
import type { Sha256Digest } from '../shared/oci/index.js';
import { parseLock } from './lock-file.js';

/** A pinned image reference. */
export interface SignerImageRef {
  /** `repository@sha256:…`, ready for a step's `image`. */
  readonly reference: string;
  readonly digest: Sha256Digest;
}

/** The locked signer image, pinned by digest. */
export function signerImage(): SignerImageRef {
  const lock = parseLock(lockJson);
  return { reference: `${lock.image}@${lock.digest}`, digest: lock.digest };
}
