import { isSha256Digest } from '../../shared/oci/index.js';
import { SIGNATURE_TAG_SUFFIX } from './constants.js';
import { quote } from './digest.js';
import { FormatError } from './errors.js';

/**
 * The tag cosign stores signatures of `manifestDigest` under, in the image's own repository:
 * `sha256:<hex>` → `sha256-<hex>.sig` (cosign `pkg/oci/remote` `SignatureTag`).
 * Only sha256 fits: a sha512 tag would exceed the 128-character tag limit.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_DIGEST`
 */
export function signatureTag(manifestDigest: string): string {
  if (!isSha256Digest(manifestDigest)) {
    throw new FormatError('FORMAT_INVALID_DIGEST', `cannot name the signature tag of ${quote(manifestDigest)}; expected "sha256:" followed by 64 lowercase hex digits`);
  }
  return `${manifestDigest.replace(':', '-')}${SIGNATURE_TAG_SUFFIX}`;
}
